using Onboarding.Identity;

namespace Onboarding.Grains.Ports;

/// <summary>
/// Checks a customer's role with STS as AWS advises before trusting it: assumable with the customer's external
/// id, and not without it nor with a wrong one. Waits (bounded by <c>Verification:MaxWait</c>) for a new role to
/// propagate: call it outside a grain's turn.
/// </summary>
public interface IRoleVerifier
{
    /// <summary>The verification's result; every outcome but Verified is the customer's to fix.</summary>
    /// <exception cref="Dependencies.DependencyUnavailableException">STS could not be reached or refused the service's own credentials: no answer about the role, try again later.</exception>
    /// <exception cref="ArgumentException">The role is not in the customer's account, or a field is empty.</exception>
    Task<RoleVerification> VerifyAsync(RoleToVerify role, CancellationToken cancellationToken);
}

namespace Onboarding.Identity;

/// <summary>
/// The result of checking a customer's role with STS, kept in the customer's state and view. An STS that could
/// not be reached gives no result: the verifier throws <see cref="Dependencies.DependencyUnavailableException"/> instead.
/// </summary>
/// <param name="Outcome">What was found.</param>
/// <param name="Reason">
/// For the customer (CloudFormation shows it with a FAILED answer): what is wrong and what to do. Never an ARN,
/// an account id or the external id, and never STS's own message (which names the partner's principal).
/// </param>
/// <param name="CheckedAt">When the last check ended.</param>
/// <param name="Attempts">AssumeRole calls made with the external id (more than one while a new role propagates).</param>
/// <param name="NegativeChecks">Whether the checks without and with a wrong external id ran (they run only once the role was assumed).</param>
[GenerateSerializer, Immutable, Alias("Onboarding.RoleVerification")]
public sealed record RoleVerification(
    [property: Id(0)] RoleVerificationOutcome Outcome,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset CheckedAt,
    [property: Id(3)] int Attempts,
    [property: Id(4)] bool NegativeChecks)
{
    public bool IsVerified => Outcome == RoleVerificationOutcome.Verified;
}

using System.Text;

namespace Onboarding.Identity;

/// <summary>A customer's role to check with STS: assumable with the customer's external id, and only with it.</summary>
/// <param name="RoleArn">The role the customer's stack reported (in <paramref name="CustomerAccountId"/>).</param>
/// <param name="ExternalId">The customer's external id, as the template put it in the role's trust policy.</param>
/// <param name="CustomerAccountId">The customer's account: the role must be in it.</param>
/// <param name="Mode">Which checks, and whether paced.</param>
[GenerateSerializer, Immutable, Alias("Onboarding.RoleToVerify")]
public sealed record RoleToVerify(
    [property: Id(0)] string RoleArn,
    [property: Id(1)] string ExternalId,
    [property: Id(2)] string CustomerAccountId,
    [property: Id(3)] RoleVerificationMode Mode = RoleVerificationMode.Onboarding)
{
    // Printed records end up in logs: the external id stays out of them.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"RoleArn = {RoleArn}, CustomerAccountId = {CustomerAccountId}, Mode = {Mode}");
        return true;
    }
}

namespace Onboarding.Organizations;

/// <summary>
/// What ties a customer to its organization onboarding: the organization, its management account (whose stack is the
/// management template, launched once) and where the StackSet deploys the member template.
/// </summary>
[GenerateSerializer, Immutable, Alias("Onboarding.OrganizationLink")]
public sealed record OrganizationLink(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] string ManagementAccountId,
    [property: Id(2)] IReadOnlyList<string> DeploymentTargets)
{
    /// <summary>True for the management account: its stack carries the StackSet; its Delete off-boards the organization.</summary>
    public bool IsManagementAccount(string accountId) => string.Equals(accountId, ManagementAccountId, StringComparison.Ordinal);
}

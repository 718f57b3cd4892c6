namespace Onboarding.Organizations;

/// <summary>Start (or resume) the onboarding of the grain's organization.</summary>
/// <param name="DeploymentTargets">The root (r-…) or OUs (ou-…) the StackSet deploys to.</param>
[GenerateSerializer, Immutable, Alias("Onboarding.StartOrganizationCommand")]
public sealed record StartOrganizationCommand(
    [property: Id(0)] string ManagementAccountId,
    [property: Id(1)] string Region,
    [property: Id(2)] string? Reference,
    [property: Id(3)] IReadOnlyList<string> DeploymentTargets);

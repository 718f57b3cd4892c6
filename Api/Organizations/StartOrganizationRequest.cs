namespace Onboarding.Api.Organizations;

/// <summary>The body of POST /organizations.</summary>
/// <param name="ManagementAccountId">The organization's management account (12 digits): it launches the management template.</param>
/// <param name="OrganizationId">The AWS Organizations id (o-…).</param>
/// <param name="Reference">The partner's own reference (optional, at most 256 characters).</param>
/// <param name="Region">The one region of every stack (optional: the default region).</param>
/// <param name="DeploymentTargets">The root (r-…) or OUs (ou-…) the StackSet deploys to, and auto-deploys to as accounts join.</param>
public sealed record StartOrganizationRequest(string? ManagementAccountId, string? OrganizationId, string? Reference, string? Region, IReadOnlyList<string?>? DeploymentTargets);

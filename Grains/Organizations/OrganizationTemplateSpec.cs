using Onboarding.Grains.Templates;

namespace Onboarding.Grains.Organizations;

/// <summary>
/// What an organization onboarding's management-account template holds: the member role template (one external id and
/// one organization token for every member), where the StackSet deploys it, and the management account's own role.
/// </summary>
public sealed record OrganizationTemplateSpec
{
    /// <summary>The role template every member account gets (and the management account too); its OrganizationId must be set.</summary>
    public required RoleTemplateSpec Member { get; init; }

    /// <summary>The region of every stack instance (IAM roles are global: a second region would collide on role names).</summary>
    public required string Region { get; init; }

    /// <summary>The organization's root (r-…) or the organizational units (ou-…) the StackSet deploys to, and auto-deploys to as accounts join.</summary>
    public required IReadOnlyList<string> DeploymentTargets { get; init; }

    public required string StackSetName { get; init; }

    /// <summary>Checks every field; throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Member, nameof(Member));
        Member.Validate();
        if (Member.OrganizationId is null)
            throw new ArgumentException($"{nameof(Member)}.{nameof(RoleTemplateSpec.OrganizationId)} must be set: members report through it.", nameof(Member));
        if (!RegionNames.IsWellFormed(Region))
            throw new ArgumentException($"{nameof(Region)} '{Region}' is not an AWS region name.", nameof(Region));
        if (DeploymentTargets is not { Count: > 0 } || DeploymentTargets.Any(t => !OrganizationIds.IsTarget(t)))
            throw new ArgumentException($"{nameof(DeploymentTargets)} must name the root (r-…) or organizational units (ou-…).", nameof(DeploymentTargets));
        StackName.RequireValid(StackSetName, nameof(StackSetName));
    }
}

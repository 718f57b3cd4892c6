using Onboarding.Organizations;

namespace Onboarding.Grains.Organizations;

/// <summary>The persisted record of one organization onboarding (grain storage, serialized as JSON).</summary>
[GenerateSerializer, Alias("Onboarding.OrganizationState")]
public sealed class OrganizationState
{
    [Id(0)] public string OrganizationId { get; set; } = "";
    [Id(1)] public OrganizationOnboardingState State { get; set; }
    [Id(2)] public string ManagementAccountId { get; set; } = "";
    [Id(3)] public string Region { get; set; } = "";
    [Id(4)] public string? Reference { get; set; }
    [Id(5)] public List<string> DeploymentTargets { get; set; } = [];
    /// <summary>One external id for every account of the organization (the same template reaches all of them).</summary>
    [Id(6)] public string ExternalId { get; set; } = "";
    /// <summary>Passed back by every account's custom resource: proves a request comes from this organization's template.</summary>
    [Id(7)] public string OrganizationToken { get; set; } = "";
    /// <summary>The topic the template names (for life: a ServiceToken never changes), which holds the organization's statement.</summary>
    [Id(8)] public string TopicArn { get; set; } = "";
    /// <summary>The member accounts whose requests passed the checks (never the management account), sorted.</summary>
    [Id(9)] public List<string> Members { get; set; } = [];
    [Id(10)] public DateTimeOffset CreatedAt { get; set; }
    [Id(11)] public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Work decided and not yet done, in order; written with the move that caused it.</summary>
    [Id(12)] public List<OrganizationEffect> Effects { get; set; } = [];
    /// <summary>How many onboardings this organization started (a restart after Removed adds one).</summary>
    [Id(13)] public int Attempt { get; set; }

    public OrganizationState Copy()
    {
        var copy = (OrganizationState)MemberwiseClone();
        copy.DeploymentTargets = [.. DeploymentTargets];
        copy.Members = [.. Members];
        copy.Effects = [.. Effects];
        return copy;
    }

    public OrganizationLink Link => new(OrganizationId, ManagementAccountId, [.. DeploymentTargets]);

    public OrganizationAttempt Attempted => new(Link, Region, Reference, TopicArn, ExternalId, OrganizationToken);
}

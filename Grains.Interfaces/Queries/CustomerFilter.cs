namespace Onboarding.Queries;

/// <summary>A narrower list or count within one state, by a flag the state index carries.</summary>
[GenerateSerializer, Alias("Onboarding.CustomerFilter")]
public enum CustomerFilter
{
    All = 0,
    /// <summary>Templated customers re-prompted at least once and still waiting.</summary>
    Stalled = 1,
    /// <summary>Active customers whose last role check failed.</summary>
    RoleDegraded = 2,
    /// <summary>Active customers whose stack runs an older template than the one offered.</summary>
    Outdated = 3,
}

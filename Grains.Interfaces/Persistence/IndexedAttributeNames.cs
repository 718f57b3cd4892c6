namespace Onboarding.Persistence;

/// <summary>
/// Names of the top-level attributes that states expose through <see cref="IIndexedState"/>.
/// They are part of the storage table's layout (the state index is built on them): never rename.
/// </summary>
public static class IndexedAttributeNames
{
    public const string OnboardingState = "OnboardingState";
    public const string AccountId = "AccountId";
    public const string CreatedAt = "CreatedAt";
    public const string Region = "Region";
    public const string Reference = "Reference";
    /// <summary>Present ("true") only on onboardings re-prompted at least once and still waiting.</summary>
    public const string Stalled = "Stalled";
    /// <summary>Present ("true") only on Active customers whose role failed its last check.</summary>
    public const string Degraded = "Degraded";
    /// <summary>Present ("true") only on Active customers whose stack runs an older template than the one offered.</summary>
    public const string Outdated = "Outdated";
    /// <summary>
    /// When the record last changed for its readers (a move, a new launch link), ISO-8601 UTC: what lists show as
    /// updated. Not the storage's own write time, which every write stamps and would cost an index write each time.
    /// </summary>
    public const string ChangedAt = "ChangedAt";
    /// <summary>The topic whose policy the record says must hold the account; absent when none does.</summary>
    public const string EventTopic = "EventTopic";
}

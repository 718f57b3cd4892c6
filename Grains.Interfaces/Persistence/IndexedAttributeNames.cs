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
    /// <summary>The topic whose policy the record says must hold the account; absent when none does.</summary>
    public const string EventTopic = "EventTopic";
    /// <summary>Present ("true") only on Active customers whose last role check failed.</summary>
    public const string RoleDegraded = "RoleDegraded";
}

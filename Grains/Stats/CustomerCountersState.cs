using Onboarding.Customers;
using Onboarding.Queries;

namespace Onboarding.Grains.Stats;

/// <summary>The persisted state of one counter shard: the totals, and the counts not yet settled by their customers.</summary>
[GenerateSerializer, Alias("Onboarding.CustomerCountersState")]
public sealed class CustomerCountersState
{
    [Id(0)] public Dictionary<OnboardingState, long> ByState { get; set; } = [];
    [Id(1)] public long Stalled { get; set; }
    [Id(2)] public long Degraded { get; set; }
    /// <summary>
    /// Per customer whose last count its record may not hold yet: that count's sequence and what it counted the
    /// customer as. A repeat of it (the customer replaying it after a crash) corrects it rather than counting again;
    /// dropped once the customer's record holds it (<see cref="ICustomerCountersGrain.Forget"/>).
    /// </summary>
    [Id(3)] public Dictionary<string, CountMarker> Unsettled { get; set; } = [];
    [Id(4)] public long Outdated { get; set; }

    public CustomerCountersState Copy() => new()
    {
        ByState = new(ByState),
        Stalled = Stalled,
        Degraded = Degraded,
        Outdated = Outdated,
        Unsettled = new(Unsettled),
    };

    public CustomerCounts Totals() => new(new Dictionary<OnboardingState, long>(ByState), Stalled, Degraded, Outdated);
}

/// <summary>A customer's last count: its sequence, what it counted the customer as, and when.</summary>
[GenerateSerializer, Immutable, Alias("Onboarding.CountMarker")]
public sealed record CountMarker([property: Id(0)] long Sequence, [property: Id(1)] CustomerCount? CountedAs, [property: Id(2)] DateTimeOffset At);

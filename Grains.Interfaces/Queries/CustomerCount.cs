using Onboarding.Customers;

namespace Onboarding.Queries;

/// <summary>What one customer adds to the maintained counters: one in its state, and one stalled, degraded or outdated when it is.</summary>
[GenerateSerializer, Immutable, Alias("Onboarding.CustomerCount")]
[System.Text.Json.Serialization.JsonConverter(typeof(CustomerCountJsonConverter))]
public sealed record CustomerCount(
    [property: Id(0)] OnboardingState State,
    [property: Id(1)] bool Stalled,
    [property: Id(2)] bool Degraded,
    [property: Id(3)] bool Outdated = false);

/// <summary>Totals of the maintained counters (one counter shard's, or their sum).</summary>
[GenerateSerializer, Immutable, Alias("Onboarding.CustomerCounts")]
public sealed record CustomerCounts(
    [property: Id(0)] IReadOnlyDictionary<OnboardingState, long> ByState,
    [property: Id(1)] long Stalled,
    [property: Id(2)] long Degraded,
    [property: Id(3)] long Outdated = 0)
{
    public static CustomerCounts Zero { get; } = new(new Dictionary<OnboardingState, long>(), 0, 0, 0);

    public CustomerCounts Plus(CustomerCounts other) => new(
        ByState.Keys.Union(other.ByState.Keys).ToDictionary(s => s, s => ByState.GetValueOrDefault(s) + other.ByState.GetValueOrDefault(s)),
        Stalled + other.Stalled,
        Degraded + other.Degraded,
        Outdated + other.Outdated);
}

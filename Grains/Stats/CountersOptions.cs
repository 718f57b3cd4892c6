namespace Onboarding.Grains.Stats;

/// <summary>The maintained customer counters (section "Counters").</summary>
public sealed class CountersOptions
{
    public const string SectionName = "Counters";

    /// <summary>
    /// A count its customer has not settled after this long (its silo died between counting and writing its record)
    /// makes the counters ask the customer to settle it: the customer finishes its pending work and writes.
    /// </summary>
    public TimeSpan SettleAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often each counter shard looks for such counts, and writes settlements no count has carried.</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromSeconds(30);
}

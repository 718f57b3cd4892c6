using Orleans.Concurrency;

namespace Onboarding.Queries;

/// <summary>
/// One shard of the maintained customer counters (key: the shard, 0 to <c>CustomerCounting.Shards</c> - 1; a customer
/// always counts in the same one). Counts are durable when a call returns; a count repeated for the same
/// (account, sequence) is applied once.
/// </summary>
public interface ICustomerCountersGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Moves the customer's contribution from <paramref name="from"/> (what its record says it is counted as; null: not
    /// counted) to <paramref name="to"/>, keyed by its count <paramref name="sequence"/>: a repeat of the same sequence
    /// corrects the previous one instead of counting again, an older one changes nothing.
    /// </summary>
    Task Count(string accountId, long sequence, CustomerCount? from, CustomerCount? to);

    /// <summary>The customer's record now holds the counts through <paramref name="sequence"/>: no repeat of them can come.</summary>
    [OneWay]
    Task Forget(string accountId, long sequence);

    Task<CustomerCounts> Read();

    /// <summary>Sets the totals (the repair: a recount from the index), leaving the customers' sequences as they are.</summary>
    Task Replace(CustomerCounts counts);
}

/// <summary>A customer whose counts the counters still wait to see settled (the customer grain).</summary>
public interface ICountedCustomerGrain : IGrainWithStringKey
{
    /// <summary>Finishes the customer's pending work and writes its record, then tells its counter shard that its counts are settled.</summary>
    Task SettleCounts();
}

using Onboarding.Customers;
using Onboarding.Grains.Customers;
using Onboarding.Identity;
using Onboarding.Queries;

namespace Onboarding.Grains.Stats;

/// <summary>
/// How customers are counted, pure. A customer adds one to its state's counter (and to stalled, degraded, outdated
/// when it is); every write of its record that changes that carries a <see cref="CountCustomer"/> effect, so the count
/// follows the durable record and a crash repeats it (the counters apply a repeated sequence once).
/// </summary>
public static class CustomerCounting
{
    /// <summary>
    /// Counter shards: a customer always counts in <see cref="ShardOf"/>; /stats reads them all. One is enough well
    /// past the rates measured (its writes carry every count that arrived while the last one was in flight); more
    /// spread the writes over more items, at the price of smaller batches. Changing it moves customers to other
    /// shards: stop the silos, change it, start them and run the repair.
    /// </summary>
    public const int Shards = 1;

    public static int ShardOf(string accountId) =>
        ulong.TryParse(accountId, out var number) ? (int)(number % Shards) : 0;

    /// <summary>What the customer adds to the counters; null for an account never onboarded.</summary>
    public static CustomerCount? ContributionOf(CustomerState state) => state.State == OnboardingState.None
        ? null
        : new CustomerCount(state.State, state.IsStalled, state.Health == RoleHealth.Degraded, state.IsOutdated);

    /// <summary>
    /// The state to write: with a <see cref="CountCustomer"/> effect when the customer is not counted as it now is and
    /// no count is pending (a pending one counts the customer as it is when it runs).
    /// </summary>
    public static CustomerState WithCount(CustomerState state)
    {
        if (state.Effects.Any(e => e is CountCustomer) || ContributionOf(state) == state.Counted) return state;
        var next = state.Copy();
        next.CountSequence++;
        next.Effects.Add(new CountCustomer(next.CountSequence, state.Counted));
        return next;
    }

    /// <summary>
    /// A record written before customers were counted is counted as it is stored: the repair that follows an upgrade
    /// counts it so from the index.
    /// </summary>
    public static CustomerState AdoptUncounted(CustomerState state)
    {
        if (state.State == OnboardingState.None || state.Counted is not null || state.CountSequence != 0) return state;
        var adopted = state.Copy();
        adopted.Counted = ContributionOf(state);
        return adopted;
    }

    /// <summary>
    /// Applies one count to a shard: moves the customer from what the shard counts it as (its unsettled count's, else
    /// <paramref name="from"/>) to <paramref name="to"/>. A repeat of the unsettled sequence corrects it; an older one
    /// is stale and changes nothing.
    /// </summary>
    public static void Apply(CustomerCountersState shard, string accountId, long sequence, CustomerCount? from, CustomerCount? to, DateTimeOffset now)
    {
        if (shard.Unsettled.TryGetValue(accountId, out var unsettled))
        {
            if (sequence < unsettled.Sequence) return;
            from = unsettled.CountedAs;
        }
        Add(shard, from, -1);
        Add(shard, to, +1);
        shard.Unsettled[accountId] = new CountMarker(sequence, to, now);
    }

    /// <summary>The customer's record holds its counts through <paramref name="sequence"/>: none of them can repeat.</summary>
    public static void Forget(CustomerCountersState shard, string accountId, long sequence)
    {
        if (shard.Unsettled.TryGetValue(accountId, out var unsettled) && unsettled.Sequence <= sequence) shard.Unsettled.Remove(accountId);
    }

    private static void Add(CustomerCountersState shard, CustomerCount? count, int delta)
    {
        if (count is null) return;
        shard.ByState[count.State] = shard.ByState.GetValueOrDefault(count.State) + delta;
        if (count.Stalled) shard.Stalled += delta;
        if (count.Degraded) shard.Degraded += delta;
        if (count.Outdated) shard.Outdated += delta;
    }
}

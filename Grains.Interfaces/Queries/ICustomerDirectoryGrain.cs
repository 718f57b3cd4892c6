using Onboarding.Customers;

namespace Onboarding.Queries;

/// <summary>Operators' queries over all customers: lists from the state index, stats from the maintained counters (a stateless worker).</summary>
public interface ICustomerDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Customers in <paramref name="state"/>, newest first. Throws <see cref="InvalidCursorException"/> for a bad cursor.</summary>
    Task<CustomerPage> List(OnboardingState state, CustomerFilter filter, int limit, string? cursor);

    /// <summary>
    /// Customers started under the partner's <paramref name="reference"/> (exactly), in any state, newest first, at
    /// most <paramref name="limit"/>. Reads the whole state index: for an operator's search, not for every request.
    /// </summary>
    Task<IReadOnlyList<CustomerSummary>> FindByReference(string reference, int limit);

    /// <summary>The maintained counters' totals: a few reads, however many customers there are.</summary>
    Task<CustomerStats> Stats();

    /// <summary>
    /// The repair: counts every state (and stalled, degraded) from the state index — reads every entry — and replaces
    /// the counters' totals with that. Transitions made while it counts may be off by their count: run it when quiet.
    /// </summary>
    Task<StatsRepair> RepairStats();
}

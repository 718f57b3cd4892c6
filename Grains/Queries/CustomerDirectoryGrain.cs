using Onboarding.Customers;
using Onboarding.Queries;
using Onboarding.Grains.Ports;
using Onboarding.Grains.Stats;
using Onboarding.Persistence;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Onboarding.Grains.Queries;

/// <summary>Answers list queries from the index and stats from the counter shards; stateless, so any silo serves them in parallel.</summary>
[StatelessWorker]
public sealed class CustomerDirectoryGrain(ICustomerIndex index, TimeProvider clock, IOptions<DirectoryOptions> options) : Grain, ICustomerDirectoryGrain
{
    private CustomerStats? _lastStats;

    private static readonly OnboardingState[] CountedStates =
        [OnboardingState.Pending, OnboardingState.Templated, OnboardingState.Activating, OnboardingState.Active, OnboardingState.Removed];

    public Task<CustomerPage> List(OnboardingState state, CustomerFilter filter, int limit, string? cursor) =>
        index.ListAsync(state, filter, limit, cursor, CancellationToken.None);

    public Task<IReadOnlyList<CustomerSummary>> FindByReference(string reference, int limit) =>
        index.FindByReferenceAsync(reference, limit, CancellationToken.None);

    public async Task<CustomerStats> Stats()
    {
        if (_lastStats is { } last && clock.GetUtcNow() - last.At < options.Value.StatsCacheFor) return last;
        return _lastStats = ToStats(await ReadCountersAsync());
    }

    public async Task<StatsRepair> RepairStats()
    {
        var before = ToStats(await ReadCountersAsync());
        var recounted = await RecountAsync();
        // All in the first shard: only totals are read, and each shard's share of them means nothing on its own.
        await Task.WhenAll(Enumerable.Range(0, CustomerCounting.Shards).Select(shard =>
            GrainFactory.GetGrain<ICustomerCountersGrain>(shard).Replace(shard == 0 ? recounted : CustomerCounts.Zero)));
        _lastStats = null;
        return new StatsRepair(before, ToStats(await ReadCountersAsync()));
    }

    private async Task<CustomerCounts> ReadCountersAsync()
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, CustomerCounting.Shards).Select(shard => GrainFactory.GetGrain<ICustomerCountersGrain>(shard).Read()));
        return shards.Aggregate(CustomerCounts.Zero, (sum, shard) => sum.Plus(shard));
    }

    private async Task<CustomerCounts> RecountAsync()
    {
        var counts = await Task.WhenAll(CountedStates.Select(s => index.CountAsync(s, CustomerFilter.All, CancellationToken.None)));
        var stalled = await index.CountAsync(OnboardingState.Templated, CustomerFilter.Stalled, CancellationToken.None);
        var degraded = await index.CountAsync(OnboardingState.Active, CustomerFilter.RoleDegraded, CancellationToken.None);
        var outdated = await index.CountAsync(OnboardingState.Active, CustomerFilter.Outdated, CancellationToken.None);
        return new CustomerCounts(CountedStates.Zip(counts).ToDictionary(p => p.First, p => p.Second), stalled, degraded, outdated);
    }

    private CustomerStats ToStats(CustomerCounts counts) => new(
        CountedStates.ToDictionary(s => s, s => counts.ByState.GetValueOrDefault(s)),
        counts.Stalled,
        clock.GetUtcNow(),
        counts.Degraded,
        counts.Outdated);
}

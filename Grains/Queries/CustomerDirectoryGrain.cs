using Onboarding.Customers;
using Onboarding.Queries;
using Onboarding.Grains.Ports;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Onboarding.Grains.Queries;

/// <summary>Answers list and stats queries from the index; stateless, so any silo serves them in parallel.</summary>
[StatelessWorker]
public sealed class CustomerDirectoryGrain(ICustomerIndex index, TimeProvider clock, IOptions<DirectoryOptions> options) : Grain, ICustomerDirectoryGrain
{
    private CustomerStats? _lastStats;

    private static readonly OnboardingState[] CountedStates =
        [OnboardingState.Pending, OnboardingState.Templated, OnboardingState.Activating, OnboardingState.Active, OnboardingState.Removed];

    public Task<CustomerPage> List(OnboardingState state, CustomerFilter filter, int limit, string? cursor) =>
        index.ListAsync(state, filter, limit, cursor, CancellationToken.None);

    public async Task<CustomerStats> Stats()
    {
        if (_lastStats is { } last && clock.GetUtcNow() - last.At < options.Value.StatsCacheFor) return last;
        return _lastStats = await CountAsync();
    }

    private async Task<CustomerStats> CountAsync()
    {
        var counts = await Task.WhenAll(CountedStates.Select(s => index.CountAsync(s, CustomerFilter.All, CancellationToken.None)));
        var stalled = await index.CountAsync(OnboardingState.Templated, CustomerFilter.Stalled, CancellationToken.None);
        var degraded = await index.CountAsync(OnboardingState.Active, CustomerFilter.RoleDegraded, CancellationToken.None);
        return new CustomerStats(
            CountedStates.Zip(counts).ToDictionary(p => p.First, p => p.Second),
            stalled,
            clock.GetUtcNow(),
            degraded);
    }
}

using Onboarding.Customers;
using Onboarding.Queries;
using Onboarding.Grains.Ports;
using Orleans.Concurrency;

namespace Onboarding.Grains.Queries;

/// <summary>Answers list and stats queries from the index; stateless, so any silo serves them in parallel.</summary>
[StatelessWorker]
public sealed class CustomerDirectoryGrain(ICustomerIndex index, TimeProvider clock) : Grain, ICustomerDirectoryGrain
{
    private static readonly OnboardingState[] CountedStates =
        [OnboardingState.Pending, OnboardingState.Templated, OnboardingState.Active, OnboardingState.Removed];

    public Task<CustomerPage> List(OnboardingState state, int limit, string? cursor) =>
        index.ListAsync(state, limit, cursor, CancellationToken.None);

    public async Task<CustomerStats> Stats()
    {
        var counts = await Task.WhenAll(CountedStates.Select(s => index.CountAsync(s, stalledOnly: false, CancellationToken.None)));
        var stalled = await index.CountAsync(OnboardingState.Templated, stalledOnly: true, CancellationToken.None);
        return new CustomerStats(
            CountedStates.Zip(counts).ToDictionary(p => p.First, p => p.Second),
            stalled,
            clock.GetUtcNow());
    }
}

using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Customers;
using Onboarding.Grains.Ports;
using Onboarding.Grains.Queries;
using Onboarding.Queries;

namespace Onboarding.Tests.Unit.Queries;

public sealed class CustomerDirectoryStatsTests
{
    [Fact]
    public async Task Stats_are_counted_again_only_once_the_cache_time_has_passed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T10:00:00Z"));
        var index = new CountingIndex();
        var directory = new CustomerDirectoryGrain(index, clock, Options.Create(new DirectoryOptions { StatsCacheFor = TimeSpan.FromSeconds(10) }));

        var first = await directory.Stats();
        index.Templated = 5;
        clock.Advance(TimeSpan.FromSeconds(9));
        var cached = await directory.Stats();
        clock.Advance(TimeSpan.FromSeconds(2));
        var fresh = await directory.Stats();

        Assert.Equal(1, first.ByState[OnboardingState.Templated]);
        Assert.Same(first, cached);
        Assert.Equal(5, fresh.ByState[OnboardingState.Templated]);
        Assert.Equal(clock.GetUtcNow(), fresh.At);
    }

    private sealed class CountingIndex : ICustomerIndex
    {
        public long Templated { get; set; } = 1;

        public Task<CustomerPage> ListAsync(OnboardingState state, CustomerFilter filter, int limit, string? cursor, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("not used");

        public Task<long> CountAsync(OnboardingState state, CustomerFilter filter, CancellationToken cancellationToken) =>
            Task.FromResult(state == OnboardingState.Templated && filter == CustomerFilter.All ? Templated : 0);
    }
}

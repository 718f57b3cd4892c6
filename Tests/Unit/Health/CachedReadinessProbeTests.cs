using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Grains.Health;
using Onboarding.Grains.Ports;

namespace Onboarding.Tests.Unit.Health;

public sealed class CachedReadinessProbeTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly CountingProbe _dynamoDb = new("dynamodb");
    private readonly CountingProbe _s3 = new("s3") { Failure = new InvalidOperationException("bucket arn:aws:s3:::x is gone") };

    private CachedReadinessProbe Probe() =>
        new([_dynamoDb, _s3], Options.Create(new ReadinessOptions { CacheFor = TimeSpan.FromSeconds(5) }), _clock);

    [Fact]
    public async Task Concurrent_and_later_askers_within_the_window_share_one_probe_and_a_later_one_probes_again()
    {
        var probe = Probe();
        _dynamoDb.Hold = new TaskCompletionSource();

        var asking = Enumerable.Range(0, 20).Select(_ => probe.LatestAsync()).ToList();
        _dynamoDb.Hold.SetResult();
        var answers = await Task.WhenAll(asking);
        _clock.Advance(TimeSpan.FromSeconds(4));
        var cached = await probe.LatestAsync();

        Assert.Equal(1, _dynamoDb.Calls);
        Assert.All(answers, a => Assert.Same(answers[0], a));
        Assert.Same(answers[0], cached);

        _clock.Advance(TimeSpan.FromSeconds(1));
        var fresh = await probe.LatestAsync();
        Assert.Equal(2, _dynamoDb.Calls);
        Assert.Equal(_clock.GetUtcNow(), fresh.ProbedAt);
    }

    [Fact]
    public async Task A_failing_dependency_is_unhealthy_with_its_error_for_operators()
    {
        var snapshot = await Probe().LatestAsync();

        Assert.True(snapshot.Dependencies.Single(d => d.Name == "dynamodb").Healthy);
        var s3 = snapshot.Dependencies.Single(d => d.Name == "s3");
        Assert.False(s3.Healthy);
        Assert.Contains("is gone", s3.Error);
    }

    private sealed class CountingProbe(string name) : IDependencyProbe
    {
        private int _calls;

        public string Name => name;
        public int Calls => _calls;
        public Exception? Failure { get; init; }
        public TaskCompletionSource? Hold { get; set; }

        public async Task ProbeAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            if (Hold is { } hold) await hold.Task;
            if (Failure is { } failure) throw failure;
        }
    }
}

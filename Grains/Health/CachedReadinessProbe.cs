using Microsoft.Extensions.Options;
using Onboarding.Grains.Ports;
using Onboarding.Health;

namespace Onboarding.Grains.Health;

/// <summary>
/// The silo's one view of its dependencies' health: a probe of every dependency at once, reused for
/// <see cref="ReadinessOptions.CacheFor"/>; callers that ask meanwhile share it (one probe per window per silo).
/// </summary>
public sealed class CachedReadinessProbe(IEnumerable<IDependencyProbe> probes, IOptions<ReadinessOptions> options, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private Task<ReadinessSnapshot>? _latest;

    public Task<ReadinessSnapshot> LatestAsync()
    {
        lock (_lock)
        {
            if (_latest is { IsCompleted: false } running) return running;
            if (_latest is { IsCompletedSuccessfully: true } done && clock.GetUtcNow() - done.Result.ProbedAt < options.Value.CacheFor) return done;
            // On the thread pool: the probe outlives the grain activation that happened to start it.
            return _latest = Task.Run(ProbeAllAsync);
        }
    }

    private async Task<ReadinessSnapshot> ProbeAllAsync()
    {
        var statuses = await Task.WhenAll(probes.Select(ProbeOneAsync));
        return new ReadinessSnapshot(statuses, clock.GetUtcNow());
    }

    private async Task<DependencyStatus> ProbeOneAsync(IDependencyProbe probe)
    {
        using var timeout = new CancellationTokenSource(options.Value.ProbeTimeout);
        try
        {
            await probe.ProbeAsync(timeout.Token);
            return new DependencyStatus(probe.Name, Healthy: true, Error: null);
        }
        catch (Exception exception)
        {
            var error = timeout.IsCancellationRequested ? $"no answer within {options.Value.ProbeTimeout.TotalSeconds:0.#} s" : $"{exception.GetType().Name}: {exception.Message}";
            return new DependencyStatus(probe.Name, Healthy: false, error);
        }
    }
}

using Orleans.Concurrency;
using Onboarding.Health;

namespace Onboarding.Grains.Health;

/// <summary>Answers readiness from the silo's <see cref="CachedReadinessProbe"/>; a stateless worker, so no single hot activation.</summary>
[StatelessWorker]
public sealed class ReadinessGrain(CachedReadinessProbe probe) : Grain, IReadinessGrain
{
    public Task<ReadinessSnapshot> Latest() => probe.LatestAsync();
}

using Orleans.Concurrency;
using Microsoft.Extensions.Options;
using Onboarding.Grains.Ports;
using Onboarding.Health;

namespace Onboarding.Grains.Health;

/// <summary>How long one readiness probe may take (section "Readiness").</summary>
public sealed class ReadinessOptions
{
    public const string SectionName = "Readiness";

    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);
}

/// <summary>Probes every dependency of the local silo at once; a stateless worker, so no single hot activation.</summary>
[StatelessWorker]
public sealed class ReadinessGrain(IEnumerable<IDependencyProbe> probes, IOptions<ReadinessOptions> options) : Grain, IReadinessGrain
{
    public async Task<IReadOnlyList<DependencyStatus>> Probe() =>
        await Task.WhenAll(probes.Select(ProbeOneAsync));

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
            var error = timeout.IsCancellationRequested ? $"no answer within {options.Value.ProbeTimeout.TotalSeconds:0.#} s" : exception.Message;
            return new DependencyStatus(probe.Name, Healthy: false, error);
        }
    }
}

namespace Onboarding.Health;

/// <summary>One dependency's answer to a readiness probe.</summary>
[GenerateSerializer, Immutable, Alias("Onboarding.DependencyStatus")]
public sealed record DependencyStatus(string Name, bool Healthy, string? Error);

/// <summary>Probes the silo's AWS dependencies (a stateless worker: answered by the local silo).</summary>
public interface IReadinessGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<DependencyStatus>> Probe();
}

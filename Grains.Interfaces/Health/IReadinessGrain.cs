namespace Onboarding.Health;

/// <summary>One dependency's answer to a readiness probe; <see cref="Error"/> is for operators only.</summary>
[GenerateSerializer, Immutable, Alias("Onboarding.DependencyStatus")]
public sealed record DependencyStatus(string Name, bool Healthy, string? Error);

/// <summary>The answers of one probe of every dependency, and when it ran.</summary>
[GenerateSerializer, Immutable, Alias("Onboarding.ReadinessSnapshot")]
public sealed record ReadinessSnapshot(IReadOnlyList<DependencyStatus> Dependencies, DateTimeOffset ProbedAt);

/// <summary>The silo's AWS dependencies' health (a stateless worker: answered by the local silo).</summary>
public interface IReadinessGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The latest probe, at most Readiness:CacheFor old: however often readiness is asked, the dependencies
    /// are probed at most once per window, so callers cannot drive AWS calls.
    /// </summary>
    Task<ReadinessSnapshot> Latest();
}

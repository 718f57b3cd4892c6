namespace Onboarding.Dependencies;

/// <summary>
/// A call could not be done because a dependency (an AWS service) is unreachable or throttling: try the
/// same call again after <see cref="RetryAfter"/>. Carries no text of the original failure, which can
/// hold account ids and ARNs; the silo logs that. An <see cref="OrleansException"/>, so that Orleans passes
/// it on unwrapped from grain storage too (it wraps any other exception a storage provider throws).
/// </summary>
[GenerateSerializer, Alias("Onboarding.DependencyUnavailableException")]
public sealed class DependencyUnavailableException : OrleansException
{
    public DependencyUnavailableException(string dependency, TimeSpan retryAfter)
        : base($"The {dependency} dependency is unavailable; retry after {retryAfter.TotalSeconds:0.#} s.")
    {
        Dependency = dependency;
        RetryAfter = retryAfter;
    }

    /// <summary>Which dependency: one of <see cref="DependencyNames"/>.</summary>
    [Id(0)]
    public string Dependency { get; private set; }

    /// <summary>When a retry has a fair chance.</summary>
    [Id(1)]
    public TimeSpan RetryAfter { get; private set; }
}

namespace Onboarding.Silo.Dependencies;

/// <summary>How the silo answers while a dependency is unavailable (section "Dependencies").</summary>
public sealed class DependencyOutageOptions
{
    public const string SectionName = "Dependencies";

    /// <summary>The retry pause suggested to callers (the API's Retry-After) when a dependency is unavailable.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}

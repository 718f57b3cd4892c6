namespace Onboarding.Grains.Health;

/// <summary>How readiness probes the dependencies (section "Readiness").</summary>
public sealed class ReadinessOptions
{
    public const string SectionName = "Readiness";

    /// <summary>How long one probe may take.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a probe's result answers readiness before the next probe.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(5);
}

namespace Onboarding.Api.Health;

/// <summary>How long readiness waits for the cluster's answer (section "Health").</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

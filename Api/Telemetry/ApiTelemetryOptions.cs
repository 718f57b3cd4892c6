namespace Onboarding.Api.Telemetry;

/// <summary>Where the API's traces and metrics go (section "Telemetry"); /metrics is always served to operators.</summary>
public sealed class ApiTelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>OTLP endpoint (e.g. http://collector:4317) for traces and metrics; none when empty.</summary>
    public Uri? OtlpEndpoint { get; set; }

    public string ServiceName { get; set; } = "onboarding-api";
}

namespace Onboarding.Silo.Telemetry;

/// <summary>Where traces and metrics go (section "Telemetry"). Both exporters are off unless configured.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>OTLP endpoint (e.g. http://collector:4317) for traces and metrics; none when empty.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Port of the silo's Prometheus scrape endpoint (/metrics); 0 turns it off.</summary>
    public int PrometheusPort { get; set; }

    /// <summary>Host the scrape endpoint listens on: loopback unless a scraper elsewhere needs it.</summary>
    public string PrometheusHost { get; set; } = "127.0.0.1";

    public string ServiceName { get; set; } = "onboarding-silo";
}

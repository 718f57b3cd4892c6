using Microsoft.Extensions.Options;

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

public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        var section = TelemetryOptions.SectionName;
        if (options.OtlpEndpoint is { } otlp && (!otlp.IsAbsoluteUri || otlp.Scheme is not ("http" or "https")))
            failures.Add($"{section}:OtlpEndpoint must be an absolute http(s) URL (got '{otlp}').");
        if (options.PrometheusPort is < 0 or > 65535)
            failures.Add($"{section}:PrometheusPort must be 0 (off) or a TCP port (got {options.PrometheusPort}).");
        if (string.IsNullOrWhiteSpace(options.PrometheusHost))
            failures.Add($"{section}:PrometheusHost must not be empty.");
        if (string.IsNullOrWhiteSpace(options.ServiceName))
            failures.Add($"{section}:ServiceName must not be empty.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

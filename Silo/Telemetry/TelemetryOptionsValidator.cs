using Microsoft.Extensions.Options;

namespace Onboarding.Silo.Telemetry;

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

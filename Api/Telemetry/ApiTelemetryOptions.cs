using Microsoft.Extensions.Options;

namespace Onboarding.Api.Telemetry;

/// <summary>Where the API's traces and metrics go (section "Telemetry"); /metrics is always served to operators.</summary>
public sealed class ApiTelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>OTLP endpoint (e.g. http://collector:4317) for traces and metrics; none when empty.</summary>
    public Uri? OtlpEndpoint { get; set; }

    public string ServiceName { get; set; } = "onboarding-api";
}

public sealed class ApiTelemetryOptionsValidator : IValidateOptions<ApiTelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiTelemetryOptions options)
    {
        var failures = new List<string>();
        if (options.OtlpEndpoint is { } otlp && (!otlp.IsAbsoluteUri || otlp.Scheme is not ("http" or "https")))
            failures.Add($"{ApiTelemetryOptions.SectionName}:OtlpEndpoint must be an absolute http(s) URL (got '{otlp}').");
        if (string.IsNullOrWhiteSpace(options.ServiceName))
            failures.Add($"{ApiTelemetryOptions.SectionName}:ServiceName must not be empty.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

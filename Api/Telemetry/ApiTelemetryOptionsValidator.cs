using Microsoft.Extensions.Options;

namespace Onboarding.Api.Telemetry;

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

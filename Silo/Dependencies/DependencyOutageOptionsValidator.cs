using Microsoft.Extensions.Options;

namespace Onboarding.Silo.Dependencies;

/// <summary>Fails start-up with one message per wrong "Dependencies" setting.</summary>
public sealed class DependencyOutageOptionsValidator : IValidateOptions<DependencyOutageOptions>
{
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, DependencyOutageOptions options) =>
        options.RetryAfter < TimeSpan.FromSeconds(1) || options.RetryAfter > MaxRetryAfter
            ? ValidateOptionsResult.Fail($"{DependencyOutageOptions.SectionName}:RetryAfter must be between 1 second and 10 minutes (got {options.RetryAfter}).")
            : ValidateOptionsResult.Success;
}

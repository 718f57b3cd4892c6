using Microsoft.Extensions.Options;

namespace Onboarding.Grains.Health;

/// <summary>Fails start-up with one message per wrong "Readiness" setting.</summary>
public sealed class ReadinessOptionsValidator : IValidateOptions<ReadinessOptions>
{
    public static readonly TimeSpan MaxCacheFor = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, ReadinessOptions options)
    {
        var failures = new List<string>();
        var section = ReadinessOptions.SectionName;
        if (options.ProbeTimeout <= TimeSpan.Zero || options.ProbeTimeout > TimeSpan.FromMinutes(1))
            failures.Add($"{section}:ProbeTimeout must be positive and at most 1 minute (got {options.ProbeTimeout}).");
        if (options.CacheFor < TimeSpan.Zero || options.CacheFor > MaxCacheFor)
            failures.Add($"{section}:CacheFor must be between zero and 5 minutes (got {options.CacheFor}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

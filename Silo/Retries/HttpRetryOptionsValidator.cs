using Microsoft.Extensions.Options;

namespace Onboarding.Silo.Retries;

/// <summary>
/// Rejects retries without bound and timeouts that could never let an answer arrive. Named options are
/// named after their configuration section (e.g. <c>CloudFormationResponder</c>), so each problem names its setting.
/// </summary>
public sealed class HttpRetryOptionsValidator : IValidateOptions<HttpRetryOptions>
{
    public static readonly TimeSpan ShortestAttemptTimeout = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan LongestAttemptTimeout = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan LongestDelay = TimeSpan.FromMinutes(5);
    // CloudFormation waits at most an hour for an answer (ServiceTimeout ≤ 3600 s).
    public static readonly TimeSpan LongestTotalTimeout = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, HttpRetryOptions options)
    {
        var failures = new List<string>();
        var prefix = string.IsNullOrEmpty(name) ? "" : name + ":";
        if (options.MaxAttempts is < 1 or > HttpRetryOptions.MaxAttemptsLimit)
            failures.Add($"{prefix}{nameof(options.MaxAttempts)} must be between 1 and {HttpRetryOptions.MaxAttemptsLimit} (got {options.MaxAttempts}).");
        if (options.BaseDelay < TimeSpan.Zero)
            failures.Add($"{prefix}{nameof(options.BaseDelay)} must not be negative (got {options.BaseDelay}).");
        if (options.MaxDelay < options.BaseDelay || options.MaxDelay > LongestDelay)
            failures.Add($"{prefix}{nameof(options.MaxDelay)} must be at least {nameof(options.BaseDelay)} and at most {LongestDelay} (got {options.MaxDelay}).");
        if (options.AttemptTimeout < ShortestAttemptTimeout || options.AttemptTimeout > LongestAttemptTimeout)
            failures.Add($"{prefix}{nameof(options.AttemptTimeout)} must be between {ShortestAttemptTimeout} and {LongestAttemptTimeout} (got {options.AttemptTimeout}).");
        if (options.TotalTimeout is { } total && (total < options.AttemptTimeout || total > LongestTotalTimeout))
            failures.Add($"{prefix}{nameof(options.TotalTimeout)} must be at least {nameof(options.AttemptTimeout)} and at most {LongestTotalTimeout} (got {total}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using Microsoft.Extensions.Options;

namespace Onboarding.Silo.Events;

/// <summary>Rejects settings that would retry without bound or never wait for an answer.</summary>
public sealed class CloudFormationResponderOptionsValidator : IValidateOptions<CloudFormationResponderOptions>
{
    public ValidateOptionsResult Validate(string? name, CloudFormationResponderOptions options)
    {
        var failures = new List<string>();
        var section = CloudFormationResponderOptions.SectionName;
        if (options.MaxAttempts is < CloudFormationResponderOptions.MinAttempts or > CloudFormationResponderOptions.MaxAttemptsLimit)
            failures.Add($"{section}:{nameof(options.MaxAttempts)} must be between {CloudFormationResponderOptions.MinAttempts} and {CloudFormationResponderOptions.MaxAttemptsLimit}.");
        if (options.BaseDelay < TimeSpan.Zero)
            failures.Add($"{section}:{nameof(options.BaseDelay)} must not be negative.");
        if (options.MaxDelay < options.BaseDelay)
            failures.Add($"{section}:{nameof(options.MaxDelay)} must be at least {nameof(options.BaseDelay)}.");
        if (options.AttemptTimeout <= TimeSpan.Zero)
            failures.Add($"{section}:{nameof(options.AttemptTimeout)} must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

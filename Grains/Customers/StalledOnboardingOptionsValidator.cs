using Microsoft.Extensions.Options;

namespace Onboarding.Grains.Customers;

/// <summary>Fails start-up with one message per wrong "Stalled" setting.</summary>
public sealed class StalledOnboardingOptionsValidator : IValidateOptions<StalledOnboardingOptions>
{
    public const int MaxRepromptsLimit = 100;

    public ValidateOptionsResult Validate(string? name, StalledOnboardingOptions options)
    {
        var failures = new List<string>();
        var section = StalledOnboardingOptions.SectionName;
        if (options.RepromptAfter <= TimeSpan.Zero)
            failures.Add($"{section}:RepromptAfter must be positive (got {options.RepromptAfter}).");
        if (options.RepromptInterval <= TimeSpan.Zero)
            failures.Add($"{section}:RepromptInterval must be positive (got {options.RepromptInterval}).");
        if (options.MaxReprompts is < 0 or > MaxRepromptsLimit)
            failures.Add($"{section}:MaxReprompts must be between 0 and {MaxRepromptsLimit} (got {options.MaxReprompts}).");
        if (options.AbandonAfter <= options.RepromptAfter)
            failures.Add($"{section}:AbandonAfter must be longer than RepromptAfter (got {options.AbandonAfter}).");
        if (options.ReminderPeriod < TimeSpan.FromMinutes(1))
            failures.Add($"{section}:ReminderPeriod must be at least one minute, Orleans' shortest reminder period (got {options.ReminderPeriod}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using Microsoft.Extensions.Options;

namespace Onboarding.Grains.Customers;

/// <summary>When stalled onboardings are re-prompted and abandoned (section "Stalled").</summary>
public sealed class StalledOnboardingOptions
{
    public const string SectionName = "Stalled";

    /// <summary>First re-prompt this long after the launch link was issued without a stack event.</summary>
    public TimeSpan RepromptAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Later re-prompts this long after the previous one.</summary>
    public TimeSpan RepromptInterval { get; set; } = TimeSpan.FromHours(24);

    public int MaxReprompts { get; set; } = 3;

    /// <summary>An onboarding still without a stack this long after its start is abandoned.</summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How often the durable reminder of an onboarding in flight ticks. Each tick decides from
    /// persisted timestamps; a grain timer covers the precise moment in between.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromHours(1);
}

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

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
    /// How often the in-flight sweep (one reminder) wakes every onboarding in flight. Each wake-up decides from
    /// persisted timestamps; a grain timer covers the precise moment in between while the customer is active.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromHours(1);
}

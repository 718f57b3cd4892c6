namespace Onboarding.Silo.Events;

/// <summary>Settings of <see cref="HttpCloudFormationResponder"/>; checked by <see cref="CloudFormationResponderOptionsValidator"/>.</summary>
public sealed class CloudFormationResponderOptions
{
    public const string SectionName = "CloudFormationResponder";
    public const int MinAttempts = 1;
    public const int MaxAttemptsLimit = 10;

    /// <summary>Attempts per answer, the first included (1 means no retry).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Backoff before the first retry; doubles per retry up to <see cref="MaxDelay"/>, then full jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for one PUT; a timed-out attempt counts as transient.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

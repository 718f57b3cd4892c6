namespace Onboarding.Silo.Retries;

/// <summary>
/// How an HTTP client retries (the CloudFormation responder, the SNS client); checked by
/// <see cref="HttpRetryOptionsValidator"/>. The defaults are the responder's; the SNS client sets its own.
/// </summary>
public sealed class HttpRetryOptions
{
    public const int MaxAttemptsLimit = 10;

    /// <summary>Attempts per request, the first included (1 means no retry).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Backoff before the first retry; grows exponentially with jitter up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for one attempt; a timed-out attempt is retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for all attempts and pauses together; none: the attempts and the caller's cancellation bound it.</summary>
    public TimeSpan? TotalTimeout { get; set; }
}

namespace Onboarding.Silo.Aws.Sns;

/// <summary>Settings of <see cref="SnsClient"/>; checked by <see cref="SnsClientOptionsValidator"/>.</summary>
public sealed class SnsClientOptions
{
    public const int MinAttempts = 1;
    public const int MaxAttemptsLimit = 10;

    /// <summary>
    /// A fixed endpoint for every region (a local stand-in such as fauxqs). Unset: the regional AWS
    /// endpoint <c>https://sns.REGION.DNS-SUFFIX</c>.
    /// </summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Attempts per call, the first included (so 1 means no retry).</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Backoff before the first retry; doubles per retry up to <see cref="MaxDelay"/>, then full jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for one HTTP attempt; a timed-out attempt counts as transient.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);
}

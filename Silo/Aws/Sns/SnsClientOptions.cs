using Onboarding.Silo.Retries;

namespace Onboarding.Silo.Aws.Sns;

/// <summary>Settings of <see cref="SnsClient"/>; checked by <see cref="SnsClientOptionsValidator"/>.</summary>
public sealed class SnsClientOptions
{
    /// <summary>
    /// A fixed endpoint for every region (a local stand-in such as fauxqs). Unset: the regional AWS
    /// endpoint <c>https://sns.REGION.DNS-SUFFIX</c>.
    /// </summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Retries of every call (what is retried: <see cref="SnsRetries"/>).</summary>
    public HttpRetryOptions Retry { get; set; } = new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(20),
    };
}

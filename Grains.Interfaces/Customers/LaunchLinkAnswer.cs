namespace Onboarding.Customers;

/// <summary>What opening a launch link leads to.</summary>
[GenerateSerializer, Alias("Onboarding.LaunchLinkStatus")]
public enum LaunchLinkStatus
{
    /// <summary>No such link: an unknown account, a wrong secret, a link never handed out (all alike, 404).</summary>
    Unknown = 0,
    /// <summary>The quick-create URL, its template URL presigned just now (302).</summary>
    Ready = 1,
    /// <summary>The link's lifetime is over; the partner can renew it (410).</summary>
    Expired = 2,
    /// <summary>The onboarding is done or ended: Active or Removed (410).</summary>
    Ended = 3,
    /// <summary>The presigned template URL is longer than the console accepts (503: the service's configuration).</summary>
    CannotLaunch = 4,
}

/// <summary>
/// The answer to a launch link: the quick-create URL, or why there is none in words safe to show to
/// whoever holds the link (nothing about other accounts, no presigned query strings).
/// </summary>
[GenerateSerializer, Immutable, Alias("Onboarding.LaunchLinkAnswer")]
public sealed record LaunchLinkAnswer(LaunchLinkStatus Status, Uri? QuickCreateUrl, string? Reason)
{
    public static LaunchLinkAnswer Unknown { get; } = new(LaunchLinkStatus.Unknown, null, null);

    public static LaunchLinkAnswer Ready(Uri quickCreateUrl) => new(LaunchLinkStatus.Ready, quickCreateUrl, null);

    public static LaunchLinkAnswer Refused(LaunchLinkStatus status, string reason) => new(status, null, reason);
}

namespace Onboarding.Api.Pages.Layout;

/// <summary>How the pages for people look and behave (section "Pages"): the partner's branding, the live status's pace.</summary>
public sealed class PageOptions
{
    public const string SectionName = "Pages";

    /// <summary>Who asks the customer for access, as the customer knows them (e.g. "Acme Cloud"). Unset: "Your service provider".</summary>
    public string? PartnerName { get; set; }

    /// <summary>An image shown beside the partner's name (https; http only on loopback).</summary>
    public Uri? LogoUrl { get; set; }

    /// <summary>Where a customer asks for help or a new link: an e-mail address or an https URL.</summary>
    public string? SupportContact { get; set; }

    /// <summary>The accent colour of buttons and headings, #rrggbb.</summary>
    public string AccentColour { get; set; } = "#1d4ed8";

    /// <summary>How often an open onboarding page asks for its status.</summary>
    public TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Status requests one client address may make per <c>Api:CustomerLinkWindow</c> (a page open for a minute asks
    /// 30 times at the default pace); then 429, and the page waits before it asks again.
    /// </summary>
    public int StatusRequestsPerWindow { get; set; } = 120;

    public const string DefaultPartnerName = "Your service provider";

    public string DisplayedPartnerName => string.IsNullOrWhiteSpace(PartnerName) ? DefaultPartnerName : PartnerName;
}

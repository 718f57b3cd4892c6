namespace Onboarding.Customers;

/// <summary>The public links the API serves to customers, and where they live under its base URL.</summary>
public static class CustomerLinkRoutes
{
    /// <summary>The stable launch link: 302 to the console's quick-create page with a freshly presigned template URL.</summary>
    public const string LaunchRoute = "/launch/{token}";

    /// <summary>The customer's onboarding page, opened by the same token as the launch link.</summary>
    public const string PageRoute = "/onboard/{token}";

    /// <summary>
    /// The stable update link of an outdated customer: 302 to the console's update-stack page for its stack, with a freshly
    /// presigned template of the current version. Same token as the launch link.
    /// </summary>
    public const string UpdateRoute = "/update/{token}";

    /// <summary>An invitation: the customer types its account id and the onboarding starts under the invitation's reference.</summary>
    public const string InvitationRoute = "/invite/{token}";

    private const string LaunchPath = "launch/";
    private const string PagePath = "onboard/";
    private const string UpdatePath = "update/";

    /// <summary>The launch link for <paramref name="token"/> under the API's public <paramref name="baseUrl"/> (which may carry a path).</summary>
    public static Uri Launch(Uri baseUrl, string token) => new(WithTrailingSlash(baseUrl), LaunchPath + Uri.EscapeDataString(token));

    /// <summary>The onboarding page for <paramref name="token"/> under the API's public <paramref name="baseUrl"/>.</summary>
    public static Uri Page(Uri baseUrl, string token) => new(WithTrailingSlash(baseUrl), PagePath + Uri.EscapeDataString(token));

    /// <summary>The onboarding page that goes with a launch link <see cref="Launch"/> made: the same base and token.</summary>
    public static Uri PageOf(Uri launchLink) => new(launchLink, "../" + PagePath + launchLink.Segments[^1]);

    /// <summary>The update link for <paramref name="token"/> under the API's public <paramref name="baseUrl"/>.</summary>
    public static Uri Update(Uri baseUrl, string token) => new(WithTrailingSlash(baseUrl), UpdatePath + Uri.EscapeDataString(token));

    /// <summary>The update link that goes with a launch link <see cref="Launch"/> made: the same base and token.</summary>
    public static Uri UpdateOf(Uri launchLink) => new(launchLink, "../" + UpdatePath + launchLink.Segments[^1]);

    /// <summary>The invitation for <paramref name="token"/> under the API's public <paramref name="baseUrl"/>.</summary>
    public static Uri Invitation(Uri baseUrl, string token) => new(WithTrailingSlash(baseUrl), "invite/" + Uri.EscapeDataString(token));

    private static Uri WithTrailingSlash(Uri baseUrl) =>
        baseUrl.AbsolutePath.EndsWith('/') ? baseUrl : new Uri(baseUrl.GetLeftPart(UriPartial.Path) + "/");
}

namespace Onboarding.Customers;

/// <summary>The public links the API serves to customers, and where they live under its base URL.</summary>
public static class CustomerLinkRoutes
{
    /// <summary>The stable launch link: 302 to the console's quick-create page with a freshly presigned template URL.</summary>
    public const string LaunchRoute = "/launch/{token}";

    private const string LaunchPath = "launch/";

    /// <summary>The launch link for <paramref name="token"/> under the API's public <paramref name="baseUrl"/> (which may carry a path).</summary>
    public static Uri Launch(Uri baseUrl, string token) => new(WithTrailingSlash(baseUrl), LaunchPath + Uri.EscapeDataString(token));

    private static Uri WithTrailingSlash(Uri baseUrl) =>
        baseUrl.AbsolutePath.EndsWith('/') ? baseUrl : new Uri(baseUrl.GetLeftPart(UriPartial.Path) + "/");
}

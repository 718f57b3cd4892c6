using Onboarding.Customers;

namespace Onboarding.Api.CustomerLinks;

/// <summary>Keeps customer-link tokens out of telemetry: their paths are recorded as the route, never as sent.</summary>
public static class CustomerLinkRedaction
{
    private static readonly (PathString Prefix, string Route)[] Routes =
    [
        (PrefixOf(CustomerLinkRoutes.LaunchRoute), CustomerLinkRoutes.LaunchRoute),
        (PrefixOf(CustomerLinkRoutes.PageRoute), CustomerLinkRoutes.PageRoute),
        (PrefixOf(CustomerLinkRoutes.InvitationRoute), CustomerLinkRoutes.InvitationRoute),
    ];

    /// <summary>The path to record for <paramref name="path"/>: the route template for a customer link, else null (record it as is).</summary>
    public static string? RedactedPath(PathString path) =>
        Routes.FirstOrDefault(r => path.StartsWithSegments(r.Prefix, StringComparison.OrdinalIgnoreCase)).Route;

    private static PathString PrefixOf(string route) => route[..route.IndexOf("/{", StringComparison.Ordinal)];
}

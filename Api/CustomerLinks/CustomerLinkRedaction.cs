using Onboarding.Customers;

namespace Onboarding.Api.CustomerLinks;

/// <summary>Keeps customer-link tokens out of telemetry: their paths are recorded as the route, never as sent.</summary>
public static class CustomerLinkRedaction
{
    private static readonly PathString LaunchPrefix = CustomerLinkRoutes.LaunchRoute[..CustomerLinkRoutes.LaunchRoute.IndexOf("/{", StringComparison.Ordinal)];

    /// <summary>The path to record for <paramref name="path"/>: the route template for a customer link, else null (record it as is).</summary>
    public static string? RedactedPath(PathString path) =>
        path.StartsWithSegments(LaunchPrefix, StringComparison.OrdinalIgnoreCase) ? CustomerLinkRoutes.LaunchRoute : null;
}

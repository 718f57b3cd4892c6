namespace Onboarding.Api.Pages.Layout;

/// <summary>
/// Whether a form post comes from this service's own pages. Browsers say which site made a request: Sec-Fetch-Site
/// (every current browser), else Origin. The pages send no referrer, and a browser then sends a form post's Origin
/// as "null", so Sec-Fetch-Site decides whenever it is there; an Origin of "null" alone cannot be told from a
/// sandboxed page of another site and is refused. A request that names neither was not made by a browser on
/// another site's behalf: it is no cross-site forgery, and the capability or session it needs still applies.
/// </summary>
public static class SameOrigin
{
    public static bool Allows(HttpRequest request) =>
        Allows(request.Headers.Origin.FirstOrDefault(), request.Headers["Sec-Fetch-Site"].FirstOrDefault(), request.Scheme, request.Host.Value);

    public static bool Allows(string? origin, string? fetchSite, string scheme, string? host)
    {
        if (!string.IsNullOrEmpty(fetchSite)) return fetchSite is "same-origin" or "none";
        if (string.IsNullOrEmpty(origin)) return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var sender)
            && string.Equals(sender.Scheme, scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(sender.IsDefaultPort ? sender.Host : $"{sender.Host}:{sender.Port}", host, StringComparison.OrdinalIgnoreCase);
    }
}

using System.Net;

namespace Onboarding.CustomerSimulation.Customers;

/// <summary>
/// The customer's browser opening the service's launch link: GET /launch/{token} answers 302 to the
/// console's quick-create page, whose templateURL was presigned at that moment. The redirect is read,
/// not followed (it leads to AWS's console): give this an HttpClient that does not follow redirects.
/// </summary>
public sealed class LaunchLinkOpener(HttpClient browser)
{
    /// <summary>A handler for <see cref="LaunchLinkOpener"/>'s HttpClient: redirects are answers here.</summary>
    public static HttpMessageHandler NewHandler() => new SocketsHttpHandler { AllowAutoRedirect = false };

    /// <summary>The quick-create URL the launch link redirects to; throws with the service's answer otherwise.</summary>
    public async Task<Uri> OpenAsync(Uri launchLink, CancellationToken cancellationToken = default)
    {
        using var response = await browser.GetAsync(launchLink, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { IsAbsoluteUri: true } quickCreate)
            return quickCreate;
        // The link itself is a capability: the message names the answer, not the link.
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new HttpRequestException($"The launch link answered {(int)response.StatusCode} instead of a redirect: {body}", null, response.StatusCode);
    }
}

using System.Text;
using Microsoft.Extensions.Options;

namespace Onboarding.Api.Pages.Layout;

/// <summary>
/// The frame of every page for people: landmarks, the partner's name and logo, the support contact, the shared CSS,
/// and the headers of a page that may be reached by a capability link: never cached, never handed on as a referrer,
/// a content security policy that runs only this service's own script and style files.
/// </summary>
public sealed class PageLayout(IOptions<PageOptions> options)
{
    public const string AssetsPath = "/pages/assets/";

    private PageOptions Options => options.Value;

    /// <summary>A whole page: <paramref name="main"/> is HTML this code built (its values encoded with <see cref="Html.Text"/>).</summary>
    public IResult Page(int status, string title, string main, string? script = null, string? mainAttributes = null) =>
        new PageResult(status, Document(title, main, script, mainAttributes), ContentSecurityPolicy());

    /// <summary>410 for a link that can no longer be used, in the launch link's words, with where to ask for a new one.</summary>
    public IResult Gone(string reason) => Page(StatusCodes.Status410Gone, CustomerLinks.CustomerLinkResponses.GoneTitle,
        $"<h1>{Html.Text(CustomerLinks.CustomerLinkResponses.GoneTitle)}</h1><p id=\"reason\">{Html.Text(reason)}</p>" +
        (SupportLink() is { } support ? $"<p>To ask for a new link, contact {Html.Text(PartnerName)}: {support}</p>" : ""));

    /// <summary>The headers of every page and status answer: the URL may hold a capability.</summary>
    public static void ApplyHeaders(HttpResponse response, string contentSecurityPolicy)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Robots-Tag"] = "noindex";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
    }

    public string ContentSecurityPolicy()
    {
        var images = Options.LogoUrl is { } logo ? $"'self' {logo.GetLeftPart(UriPartial.Authority)}" : "'self'";
        return $"default-src 'none'; script-src 'self'; style-src 'self'; img-src {images}; connect-src 'self'; " +
               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    /// <summary>How to reach the partner's support, as HTML (a mailto or https link), or null when none is configured.</summary>
    public string? SupportLink()
    {
        if (Options.SupportContact is not { Length: > 0 } contact) return null;
        var href = PageOptionsValidator.IsEmail(contact) ? "mailto:" + contact : contact;
        return $"<a href=\"{Html.Text(href)}\">{Html.Text(contact)}</a>";
    }

    public string PartnerName => Options.DisplayedPartnerName;

    private string Document(string title, string main, string? script, string? mainAttributes)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
            .Append($"<title>{Html.Text(title)} · {Html.Text(PartnerName)}</title>")
            .Append($"<link rel=\"stylesheet\" href=\"{AssetsPath}pages.css\"><link rel=\"stylesheet\" href=\"{AssetsPath}brand.css\">");
        if (script is not null) html.Append($"<script src=\"{AssetsPath}{Html.Text(script)}\" defer></script>");
        html.Append("</head>\n<body><header class=\"brand\">");
        if (Options.LogoUrl is { } logo) html.Append($"<img src=\"{Html.Text(logo.AbsoluteUri)}\" alt=\"\" class=\"logo\">");
        html.Append($"<span class=\"partner\">{Html.Text(PartnerName)}</span></header>\n")
            .Append($"<main{(mainAttributes is null ? "" : " " + mainAttributes)}>{main}</main>\n<footer>");
        if (SupportLink() is { } support) html.Append($"<p>Questions? Contact {Html.Text(PartnerName)}: {support}</p>");
        html.Append("</footer></body></html>\n");
        return html.ToString();
    }

    private sealed class PageResult(int status, string html, string contentSecurityPolicy) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html; charset=utf-8";
            ApplyHeaders(http.Response, contentSecurityPolicy);
            return http.Response.WriteAsync(html);
        }
    }
}

using System.Text.Encodings.Web;
using Onboarding.Api.Problems;

namespace Onboarding.Api.CustomerLinks;

/// <summary>
/// The answers of customer links. People open them in a browser, so refusals are a short HTML page
/// for browsers and problem+json for everything else; the token in the path is a capability, so
/// nothing is cached and no page hands the link on as a referrer.
/// </summary>
public static class CustomerLinkResponses
{
    public static void ApplyHeaders(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Robots-Tag"] = "noindex";
    }

    public const string NotFoundTitle = "This link is not valid.";
    public const string NotFoundDetail = "Check that the whole link was copied, or ask whoever sent it for a new one.";
    public const string GoneTitle = "This link can no longer be used.";

    /// <summary>The same for an unknown account, a wrong secret and a malformed token: nothing to tell them apart.</summary>
    public static IResult NotFound() => new Refusal(StatusCodes.Status404NotFound, ProblemTypes.NotFound, NotFoundTitle, NotFoundDetail);

    public static IResult Gone(string reason) => new Refusal(StatusCodes.Status410Gone, ProblemTypes.LinkGone, GoneTitle, reason);

    public static IResult CannotLaunch(string reason) => new Refusal(StatusCodes.Status503ServiceUnavailable, ProblemTypes.LaunchUnavailable,
        "This link cannot open AWS CloudFormation.", reason);

    public static IResult TooManyRequests() => new Refusal(StatusCodes.Status429TooManyRequests, ProblemTypes.TooManyRequests,
        "Too many requests.", "This address opened too many links in a short time; wait a minute and try again.");

    private sealed class Refusal(int status, string type, string title, string detail) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            if (!WantsHtml(http.Request))
                return Results.Problem(detail: detail, statusCode: status, title: title, type: type).ExecuteAsync(http);

            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            var html = HtmlEncoder.Default;
            return http.Response.WriteAsync(
                "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">" +
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
                $"<title>{html.Encode(title)}</title></head>\n<body><main><h1>{html.Encode(title)}</h1><p>{html.Encode(detail)}</p></main></body></html>\n");
        }

        private static bool WantsHtml(HttpRequest request) =>
            request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }
}

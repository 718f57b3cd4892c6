using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Onboarding.Api.Hosting;
using Onboarding.Api.Problems;

namespace Onboarding.Api.Auth;

/// <summary>
/// Authenticates the X-Api-Key header: the key's SHA-256 is compared, in constant time, with every
/// configured hash. Failed attempts are counted per client address; past the limit its unknown keys
/// get 429 until the window ends (a valid key still works).
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<ApiKeyOptions> keys,
    FailedAuthenticationLimiter limiter) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string LimitedItem = "onboarding.auth.limited";

    /// <summary>Where a 401 invites the browser to prompt for Basic credentials.</summary>
    private static readonly PathString BrowserPaths = OnboardingApiBuilderExtensions.DashboardPath;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedKey() is not { } presented)
            return Task.FromResult(AuthenticateResult.NoResult());

        var client = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (Match(presented) is not { } entry)
        {
            // A valid key always gets in: clients sharing an address (a NAT, a proxy) must not be locked
            // out by one guesser, and 256-bit keys are not guessed by volume anyway. Guesses past the
            // limit get 429 and are no longer logged one by one.
            if (limiter.IsLimited(client))
            {
                Context.Items[LimitedItem] = true;
                return Task.FromResult(AuthenticateResult.Fail("too many failed authentications"));
            }
            limiter.RecordFailure(client);
            Rejected(Logger, client);
            return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, entry.Name), new Claim(ClaimTypes.Role, entry.Role)],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>
    /// The key from X-Api-Key, or else (on the dashboard only) the password of HTTP Basic credentials:
    /// a browser cannot add a header to the dashboard's page loads, but it prompts for Basic credentials.
    /// </summary>
    private string? PresentedKey()
    {
        if (Request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrEmpty(header.FirstOrDefault()))
            return header[0];
        // Only where a browser is expected: elsewhere cached Basic credentials would make the API
        // callable from any page an operator visits (cross-site requests carry them, never X-Api-Key).
        if (!Request.Path.StartsWithSegments(BrowserPaths))
            return null;
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var authorization) ||
            !string.Equals(authorization.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || authorization.Parameter is null)
            return null;
        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Parameter));
            var colon = credentials.IndexOf(':');
            return colon >= 0 && colon < credentials.Length - 1 ? credentials[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>401 (or 429 while the address is limited) as problem+json.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var limited = Context.Items.ContainsKey(LimitedItem);
        // Pages people open in a browser ask it for credentials (the key as the password).
        if (!limited && Request.Path.StartsWithSegments(BrowserPaths))
            Response.Headers.WWWAuthenticate = "Basic realm=\"onboarding operators\", charset=\"UTF-8\"";
        return WriteProblemAsync(
            limited ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized,
            limited ? ProblemTypes.TooManyRequests : ProblemTypes.Unauthorized,
            limited ? "Too many failed authentications." : "Authentication required.",
            limited
                ? "This address sent too many unknown API keys; wait and try again."
                : $"Send a valid API key in the {HeaderName} header.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => WriteProblemAsync(
        StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Not allowed.", "This API key's role does not allow this operation.");

    /// <summary>problem+json whatever the request's Accept says (a client asking for XML still learns why).</summary>
    private Task WriteProblemAsync(int status, string type, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: type).ExecuteAsync(Context);

    private ApiKeyEntry? Match(string key) => ApiKeyMatcher.Match(keys.CurrentValue.ApiKeys, key);

    [LoggerMessage(LogLevel.Warning, "Rejected an unknown API key from {Client}")]
    private static partial void Rejected(ILogger logger, string client);
}

using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Onboarding.Api.Auth;

namespace Onboarding.Api.Pages.Console;

/// <summary>
/// How a browser is an operator: it signs in once with an operator API key (POST /console/sign-in) and gets a session
/// cookie (HttpOnly, SameSite=Strict, Secure except on loopback, 8 hours sliding); the key itself is never stored
/// in the browser. Console pages accept only this cookie, never X-Api-Key, and the API accepts only X-Api-Key, never
/// the cookie: a page an operator visits cannot make the browser call the API.
/// </summary>
public static class ConsoleSession
{
    public const string Scheme = "ConsoleSession";
    public const string Policy = "console-operator";
    public const string CookieName = "__onboarding_console";
    public const string CsrfCookieName = "__onboarding_console_csrf";
    public const string CsrfField = "csrf";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static IServiceCollection AddConsoleSession(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie = new LoopbackAwareCookieBuilder { Name = CookieName };
            cookie.ExpireTimeSpan = Lifetime;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = ConsolePaths.SignIn;
            cookie.LogoutPath = ConsolePaths.SignOut;
            cookie.AccessDeniedPath = ConsolePaths.SignIn;
            cookie.ReturnUrlParameter = "returnUrl";
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireRole(ApiRoles.Operator));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie = new LoopbackAwareCookieBuilder { Name = CsrfCookieName };
            antiforgery.FormFieldName = CsrfField;
        });
        return services;
    }

    /// <summary>HttpOnly, SameSite=Strict, and Secure unless the request came to a loopback host over plain http (a local run).</summary>
    private sealed class LoopbackAwareCookieBuilder : CookieBuilder
    {
        public LoopbackAwareCookieBuilder()
        {
            HttpOnly = true;
            SameSite = SameSiteMode.Strict;
            Path = ConsolePaths.Root;
            IsEssential = true;
        }

        public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
        {
            var options = base.Build(context, expiresFrom);
            options.Secure = context.Request.IsHttps || !IsLoopback(context.Request.Host.Host);
            return options;
        }

        private static bool IsLoopback(string host) =>
            host == "localhost" || IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}

/// <summary>Where the console's pages live.</summary>
public static class ConsolePaths
{
    public const string Root = "/console";
    public const string SignIn = "/console/sign-in";
    public const string SignOut = "/console/sign-out";
    public const string Customers = "/console/customers";

    public static string Customer(string accountId) => $"{Customers}/{accountId}";
}

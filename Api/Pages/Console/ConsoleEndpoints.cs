using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Onboarding.Api.Auth;
using Onboarding.Api.Cluster;
using Onboarding.Api.Customers;
using Onboarding.Api.Pages.Layout;
using Onboarding.Customers;
using Onboarding.Identifiers;
using Onboarding.Queries;

namespace Onboarding.Api.Pages.Console;

/// <summary>
/// The operators' console: the funnel, the customers per state, a customer's timeline, and the actions the API offers
/// (renew the launch link, off-board), through the same grain calls as the API. Signed in with a session cookie
/// (<see cref="ConsoleSession"/>); every state-changing post carries the session's antiforgery token; every action is
/// logged with the operator key's name, and an off-boarding's reason in the customer's history names it.
/// </summary>
public static partial class ConsoleEndpoints
{
    public static IEndpointRouteBuilder MapConsoleEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(ConsolePaths.SignIn, (string? returnUrl, PageLayout layout) => SignInPage(layout, StatusCodes.Status200OK, returnUrl, null))
            .AllowAnonymous().ExcludeFromDescription();
        routes.MapPost(ConsolePaths.SignIn, SignInAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

        var console = routes.MapGroup(ConsolePaths.Root).RequireAuthorization(ConsoleSession.Policy).ExcludeFromDescription().DisableAntiforgery();
        console.MapPost("/sign-out", SignOutAsync);
        console.MapGet("/", FunnelAsync);
        console.MapGet("/customers", ListAsync);
        console.MapGet("/customers/{accountId}", CustomerAsync);
        console.MapPost("/customers/{accountId}/renew", RenewAsync);
        console.MapPost("/customers/{accountId}/off-board", OffBoardAsync);
        return routes;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, PageLayout layout, IOptionsMonitor<ApiKeyOptions> keys, FailedAuthenticationLimiter limiter, ILoggerFactory loggers)
    {
        var form = await PostedForm.ReadAsync(http.Request);
        var returnUrl = form["returnUrl"].FirstOrDefault();
        if (!SameOrigin.Allows(http.Request)) return SignInPage(layout, StatusCodes.Status403Forbidden, null, "Sign in from the console's own page.");
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (limiter.IsLimited(client)) return SignInPage(layout, StatusCodes.Status429TooManyRequests, returnUrl, "Too many failed sign-ins from this address; wait a minute.");
        var entry = form["key"].FirstOrDefault() is { Length: > 0 } key ? ApiKeyMatcher.Match(keys.CurrentValue.ApiKeys, key) : null;
        if (entry is null || entry.Role != ApiRoles.Operator)
        {
            limiter.RecordFailure(client);
            LogSignInRefused(Logger(loggers), client);
            return SignInPage(layout, StatusCodes.Status401Unauthorized, returnUrl, "That is not an operator key.");
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, entry.Name), new Claim(ClaimTypes.Role, entry.Role)], ConsoleSession.Scheme));
        await http.SignInAsync(ConsoleSession.Scheme, principal);
        LogSignedIn(Logger(loggers), entry.Name);
        // Only back into the console: a return address elsewhere would make sign-in an open redirect.
        var target = returnUrl is { } url && url.StartsWith(ConsolePaths.Root + "/", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal)
            ? url : ConsolePaths.Root;
        return Results.Redirect(target);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, PageLayout layout, ILoggerFactory loggers)
    {
        if (await RefusedAsync(http, antiforgery, layout) is { } refused) return refused;
        await http.SignOutAsync(ConsoleSession.Scheme);
        LogSignedOut(Logger(loggers), Operator(http));
        return Results.Redirect(ConsolePaths.SignIn);
    }

    private static async Task<IResult> FunnelAsync(HttpContext http, IClusterClient cluster, IdempotentClusterCalls calls, PageLayout layout, IAntiforgery antiforgery)
    {
        var stats = await calls.RunAsync(() => cluster.GetGrain<ICustomerDirectoryGrain>(0).Stats());
        return Page(http, layout, antiforgery, StatusCodes.Status200OK, "Funnel", ConsoleHtml.Funnel(stats));
    }

    /// <summary>A state's customers a page at a time (the API's list: same rules, same grain call), or a search (<paramref name="q"/>).</summary>
    private static async Task<IResult> ListAsync(
        HttpContext http, string? state, string? limit, string? roleHealth, string? cursor, string? q,
        IClusterClient cluster, IdempotentClusterCalls calls, PageLayout layout, IAntiforgery antiforgery, IOptions<ApiOptions> apiOptions)
    {
        if (q is not null) return await SearchAsync(http, q.Trim(), cluster, calls, layout, antiforgery, apiOptions.Value);
        var errors = CustomerRequestRules.CheckListQuery(state, limit, roleHealth, null, out var parsedState, out var pageSize, out var filter);
        if (errors.Count > 0)
            return Page(http, layout, antiforgery, StatusCodes.Status400BadRequest, "Customers", $"<h1>Customers</h1><p class=\"error\">{Html.Text(errors.First().Value[0])}</p>");
        var listQuery = $"state={parsedState}" +
            (pageSize == CustomerRequestRules.DefaultPageSize ? "" : $"&limit={pageSize}") +
            (filter == CustomerFilter.RoleDegraded ? "&roleHealth=Degraded" : "");
        try
        {
            var page = await calls.RunAsync(() => cluster.GetGrain<ICustomerDirectoryGrain>(0).List(parsedState, filter, pageSize, cursor));
            return Page(http, layout, antiforgery, StatusCodes.Status200OK, $"{parsedState} customers",
                ConsoleHtml.List(parsedState, filter == CustomerFilter.RoleDegraded, page, cursor, listQuery));
        }
        catch (InvalidCursorException)
        {
            return Page(http, layout, antiforgery, StatusCodes.Status400BadRequest, "Customers",
                $"<h1>Customers</h1><p class=\"error\">That page no longer exists; <a href=\"{ConsolePaths.Customers}?{Html.Text(listQuery)}\">start from the first page</a>.</p>");
        }
    }

    /// <summary>How many customers a search by reference shows.</summary>
    public const int SearchLimit = 50;

    /// <summary>
    /// An account id that has an onboarding opens it; anything else (a 12-digit reference too) is looked up as the
    /// partner's reference: one customer opens, several are listed.
    /// </summary>
    private static async Task<IResult> SearchAsync(HttpContext http, string query, IClusterClient cluster, IdempotentClusterCalls calls, PageLayout layout, IAntiforgery antiforgery, ApiOptions options)
    {
        if (query.Length == 0)
            return Page(http, layout, antiforgery, StatusCodes.Status400BadRequest, "Find a customer", ConsoleHtml.Search(query, "Type an AWS account id or a reference."));
        if (AccountIds.IsValid(query) && await calls.RunAsync(() => cluster.GetGrain<ICustomerGrain>(query).GetView()) is not null)
            return Results.Redirect(ConsolePaths.Customer(query));
        if (CustomerRequestRules.CheckReference(query, options) is { } error)
            return Page(http, layout, antiforgery, StatusCodes.Status400BadRequest, "Find a customer", ConsoleHtml.Search(query, error));
        var found = await calls.RunAsync(() => cluster.GetGrain<ICustomerDirectoryGrain>(0).FindByReference(query, SearchLimit));
        return found.Count switch
        {
            0 => Page(http, layout, antiforgery, StatusCodes.Status404NotFound, "Nothing found", ConsoleHtml.NotFound(query)),
            1 => Results.Redirect(ConsolePaths.Customer(found[0].AccountId)),
            _ => Page(http, layout, antiforgery, StatusCodes.Status200OK, $"Reference {query}", ConsoleHtml.Found(query, found, SearchLimit)),
        };
    }

    private static async Task<IResult> CustomerAsync(HttpContext http, string accountId, string? done, IClusterClient cluster, IdempotentClusterCalls calls, PageLayout layout, IAntiforgery antiforgery)
    {
        if (CustomerRequestRules.CheckAccountId(accountId) is { } error)
            return Page(http, layout, antiforgery, StatusCodes.Status400BadRequest, "Find a customer", ConsoleHtml.Search(accountId, error));
        var view = await calls.RunAsync(() => cluster.GetGrain<ICustomerGrain>(accountId).GetView());
        if (view is null)
            return Page(http, layout, antiforgery, StatusCodes.Status404NotFound, "Not found", $"<h1>No onboarding was ever started for account {Html.Text(accountId)}.</h1>");
        var notice = done switch
        {
            "renewed" => "The launch link was renewed: the same link works for its full lifetime from now.",
            "off-boarded" => "The customer was off-boarded.",
            _ => null,
        };
        return Page(http, layout, antiforgery, StatusCodes.Status200OK, $"Account {accountId}", ConsoleHtml.Customer(view, Token(http, antiforgery), notice));
    }

    private static async Task<IResult> RenewAsync(HttpContext http, string accountId, IClusterClient cluster, IdempotentClusterCalls calls, PageLayout layout, IAntiforgery antiforgery, ILoggerFactory loggers)
    {
        if (await RefusedAsync(http, antiforgery, layout) is { } refused) return refused;
        if (CustomerRequestRules.CheckAccountId(accountId) is not null) return Results.Redirect(ConsolePaths.Customers);
        var name = Operator(http);
        var result = await calls.RunAsync(() => cluster.GetGrain<ICustomerGrain>(accountId).RenewLaunchUrl($"launch link renewed by {name} in the console"));
        if (result.Refusal is { } refusal) return ActionRefused(http, layout, antiforgery, accountId, refusal.Message);
        LogRenewed(Logger(loggers), name, accountId);
        return new SeeOther($"{ConsolePaths.Customer(accountId)}?done=renewed");
    }

    private static async Task<IResult> OffBoardAsync(HttpContext http, string accountId, IClusterClient cluster, IdempotentClusterCalls calls, PageLayout layout, IAntiforgery antiforgery, ILoggerFactory loggers)
    {
        if (await RefusedAsync(http, antiforgery, layout) is { } refused) return refused;
        if (CustomerRequestRules.CheckAccountId(accountId) is not null) return Results.Redirect(ConsolePaths.Customers);
        var form = await PostedForm.ReadAsync(http.Request);
        if (form["confirm"].FirstOrDefault() != "yes")
            return ActionRefused(http, layout, antiforgery, accountId, "Tick the confirmation to off-board this customer: nothing was changed.");
        var name = Operator(http);
        var result = await calls.RunAsync(() => cluster.GetGrain<ICustomerGrain>(accountId).OffBoard($"off-boarded by {name} in the console"));
        if (result.Refusal is { } refusal) return ActionRefused(http, layout, antiforgery, accountId, refusal.Message);
        LogOffBoarded(Logger(loggers), name, accountId);
        return new SeeOther($"{ConsolePaths.Customer(accountId)}?done=off-boarded");
    }

    /// <summary>A post without this session's antiforgery token (a forged form), or from another site: refused, nothing done.</summary>
    private static async Task<IResult?> RefusedAsync(HttpContext http, IAntiforgery antiforgery, PageLayout layout)
    {
        if (SameOrigin.Allows(http.Request) && await antiforgery.IsRequestValidAsync(http)) return null;
        return layout.Page(StatusCodes.Status400BadRequest, "Not done",
            $"<h1>Not done.</h1><p>This form was not sent from the console's own page, or it is too old. <a href=\"{ConsolePaths.Root}\">Back to the console</a>.</p>");
    }

    private static IResult ActionRefused(HttpContext http, PageLayout layout, IAntiforgery antiforgery, string accountId, string message) =>
        Page(http, layout, antiforgery, StatusCodes.Status409Conflict, "Not done",
            $"<h1>Not done.</h1><p class=\"error\" role=\"alert\">{Html.Text(message)}</p><p><a href=\"{ConsolePaths.Customer(accountId)}\">Back to the customer</a></p>");

    private static IResult Page(HttpContext http, PageLayout layout, IAntiforgery antiforgery, int status, string title, string content) =>
        layout.Page(status, title, ConsoleHtml.Navigation(Operator(http), Token(http, antiforgery)) + content, mainAttributes: "class=\"wide\"");

    private static IResult SignInPage(PageLayout layout, int status, string? returnUrl, string? error) =>
        layout.Page(status, "Sign in", ConsoleHtml.SignIn(returnUrl, error));

    private static string Token(HttpContext http, IAntiforgery antiforgery) => antiforgery.GetAndStoreTokens(http).RequestToken!;

    private static string Operator(HttpContext http) => http.User.Identity?.Name ?? "unknown";

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger("Onboarding.Api.Console");

    [LoggerMessage(LogLevel.Information, "Console: operator {Operator} signed in")]
    private static partial void LogSignedIn(ILogger logger, string @operator);

    [LoggerMessage(LogLevel.Information, "Console: operator {Operator} signed out")]
    private static partial void LogSignedOut(ILogger logger, string @operator);

    [LoggerMessage(LogLevel.Warning, "Console: a sign-in from {Client} was refused (not an operator key)")]
    private static partial void LogSignInRefused(ILogger logger, string client);

    [LoggerMessage(LogLevel.Information, "Console: operator {Operator} renewed the launch link of account {AccountId}")]
    private static partial void LogRenewed(ILogger logger, string @operator, string accountId);

    [LoggerMessage(LogLevel.Information, "Console: operator {Operator} off-boarded account {AccountId}")]
    private static partial void LogOffBoarded(ILogger logger, string @operator, string accountId);
}

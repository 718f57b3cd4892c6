using System.Globalization;
using System.Text;
using Onboarding.Api.Pages.Layout;
using Onboarding.Customers;
using Onboarding.Queries;

namespace Onboarding.Api.Pages.Console;

/// <summary>The console's pages as HTML: the funnel, a state's customers, one customer's timeline and actions.</summary>
public static class ConsoleHtml
{
    public static readonly OnboardingState[] FunnelStates =
        [OnboardingState.Pending, OnboardingState.Templated, OnboardingState.Activating, OnboardingState.Active, OnboardingState.Removed];

    public static string SignIn(string? returnUrl, string? error) =>
        "<h1>Operator console</h1><section aria-labelledby=\"sign-in\"><h2 id=\"sign-in\">Sign in</h2>" +
        (error is null ? "" : $"<div class=\"error\" role=\"alert\" id=\"problem\"><p>{Html.Text(error)}</p></div>") +
        $"<form method=\"post\" action=\"{ConsolePaths.SignIn}\"><input type=\"hidden\" name=\"returnUrl\" value=\"{Html.Text(returnUrl)}\">" +
        "<label for=\"key\">Operator API key</label><input id=\"key\" name=\"key\" type=\"password\" autocomplete=\"current-password\" required>" +
        "<p><button type=\"submit\">Sign in</button></p></form>" +
        "<p class=\"note\">The key is exchanged for a session cookie and is not kept in the browser.</p></section>";

    /// <summary>The console's navigation and the sign-out form (with the CSRF token), above each page.</summary>
    public static string Navigation(string operatorName, string csrf) =>
        $"<nav class=\"tabs\" aria-label=\"Console\"><a href=\"{ConsolePaths.Root}\">Funnel</a>" +
        string.Concat(FunnelStates.Select(s => $"<a href=\"{ConsolePaths.Customers}?state={s}\">{s}</a>")) +
        $"<form method=\"post\" action=\"{ConsolePaths.SignOut}\" class=\"inline\">{Csrf(csrf)}<button type=\"submit\" class=\"secondary\">Sign out {Html.Text(operatorName)}</button></form></nav>";

    public static string Funnel(CustomerStats stats)
    {
        var total = Math.Max(1, FunnelStates.Sum(s => stats.ByState.GetValueOrDefault(s)));
        var html = new StringBuilder("<h1>Onboarding funnel</h1><section aria-labelledby=\"funnel\"><h2 id=\"funnel\">Customers per state</h2><div class=\"bars\" id=\"funnel-bars\">");
        foreach (var state in FunnelStates)
        {
            var count = stats.ByState.GetValueOrDefault(state);
            html.Append($"<div class=\"bar\" data-state=\"{state}\"><a href=\"{ConsolePaths.Customers}?state={state}\">{state}</a>")
                .Append($"<meter min=\"0\" max=\"{total}\" value=\"{count}\" aria-label=\"{state}\">{count}</meter><span class=\"count\">{count}</span></div>");
        }
        html.Append($"</div><p>Stalled (re-prompted, still waiting for a stack): <strong id=\"stalled\">{stats.Stalled}</strong></p>")
            .Append($"<p class=\"note\">Counted at {Html.Text(When(stats.At))}.</p></section>")
            .Append(Search(null));
        return html.ToString();
    }

    public static string Search(string? error) =>
        "<section aria-labelledby=\"find\"><h2 id=\"find\">Find a customer</h2>" +
        $"<form method=\"get\" action=\"{ConsolePaths.Customers}\"><label for=\"accountId\">AWS account id</label>" +
        "<input id=\"accountId\" name=\"accountId\" inputmode=\"numeric\" autocomplete=\"off\"" +
        (error is null ? ">" : $" aria-invalid=\"true\" aria-describedby=\"accountId-error\"><p class=\"field-error\" id=\"accountId-error\">{Html.Text(error)}</p>") +
        "<p><button type=\"submit\">Open</button></p></form></section>";

    public static string List(OnboardingState state, CustomerPage page, string? cursor)
    {
        var html = new StringBuilder($"<h1>{state} customers</h1><div class=\"table-scroll\"><table id=\"customers\"><caption class=\"visually-hidden\">{state} customers, newest first</caption>")
            .Append("<thead><tr><th scope=\"col\">Account</th><th scope=\"col\">Reference</th><th scope=\"col\">Region</th><th scope=\"col\">Started</th><th scope=\"col\">Stalled</th></tr></thead><tbody>");
        foreach (var customer in page.Customers)
        {
            html.Append($"<tr><td><a href=\"{ConsolePaths.Customer(customer.AccountId)}\">{Html.Text(customer.AccountId)}</a></td>")
                .Append($"<td>{Html.Text(customer.Reference)}</td><td>{Html.Text(customer.Region)}</td><td>{Html.Text(When(customer.CreatedAt))}</td>")
                .Append($"<td>{(customer.Stalled ? "yes" : "")}</td></tr>");
        }
        html.Append("</tbody></table></div>");
        if (page.Customers.Count == 0) html.Append("<p>No customers in this state.</p>");
        if (cursor is not null) html.Append($"<p><a href=\"{ConsolePaths.Customers}?state={state}\">First page</a></p>");
        if (page.NextCursor is { } next)
            html.Append($"<p><a id=\"next-page\" href=\"{ConsolePaths.Customers}?state={state}&amp;cursor={Html.Text(Uri.EscapeDataString(next))}\">Next page</a></p>");
        return html.ToString();
    }

    public static string Customer(OnboardingView view, string csrf, string? notice)
    {
        var html = new StringBuilder($"<h1>Account {Html.Text(view.AccountId)}</h1>");
        if (notice is not null) html.Append($"<div role=\"status\" id=\"notice\"><p>{Html.Text(notice)}</p></div>");
        html.Append("<section aria-labelledby=\"summary\"><h2 id=\"summary\">Onboarding</h2><dl>")
            .Append($"<dt>State</dt><dd id=\"state\">{view.State}</dd>")
            .Append($"<dt>Reference</dt><dd>{Html.Text(view.Reference)}</dd><dt>Region</dt><dd>{Html.Text(view.Region)}</dd>")
            .Append($"<dt>Role</dt><dd>{Html.Text(view.RoleArn ?? "none yet")}{(view.RoleArn is not null && !view.RoleUsable ? " (not usable)" : "")}</dd>")
            .Append($"<dt>Role health</dt><dd id=\"role-health\">{view.RoleHealth}</dd>");
        if (view.RoleCheck is { } check)
            html.Append($"<dt>Last role check</dt><dd>{check.Outcome} at {Html.Text(When(check.CheckedAt))}: {Html.Text(check.Reason)}</dd>");
        if (view.LaunchUrlExpiresAt is { } expires) html.Append($"<dt>Launch link valid until</dt><dd>{Html.Text(When(expires))}</dd>");
        if (view.PageUrl is { } page) html.Append($"<dt>Customer page</dt><dd><code>{Html.Text(page.AbsoluteUri)}</code></dd>");
        html.Append($"<dt>Started</dt><dd>{Html.Text(When(view.CreatedAt))}</dd><dt>Re-prompts</dt><dd>{view.PromptCount}</dd></dl></section>");

        html.Append("<section aria-labelledby=\"timeline\"><h2 id=\"timeline\">Timeline</h2><ol class=\"timeline\" id=\"history\">");
        foreach (var entry in view.History.Reverse())
            html.Append($"<li><strong>{entry.Trigger}</strong> ({entry.From} → {entry.To}) at {Html.Text(When(entry.At))}: {Html.Text(entry.Reason)}</li>");
        html.Append("</ol></section>");

        html.Append("<section aria-labelledby=\"actions\"><h2 id=\"actions\">Actions</h2>");
        if (view.State == OnboardingState.Templated)
            html.Append($"<form method=\"post\" action=\"{ConsolePaths.Customer(view.AccountId)}/renew\">{Csrf(csrf)}")
                .Append("<p><button type=\"submit\">Renew the launch link</button></p></form>");
        if (view.State != OnboardingState.Removed)
            html.Append($"<form method=\"post\" action=\"{ConsolePaths.Customer(view.AccountId)}/off-board\">{Csrf(csrf)}")
                .Append("<p><input type=\"checkbox\" id=\"confirm\" name=\"confirm\" value=\"yes\" class=\"inline-check\"> ")
                .Append($"<label for=\"confirm\" class=\"inline\">Yes, off-board account {Html.Text(view.AccountId)}: the partner stops using its role</label></p>")
                .Append("<p><button type=\"submit\" class=\"danger\">Off-board</button></p></form>");
        else html.Append("<p>This customer was removed; nothing is left to do.</p>");
        return html.Append("</section>").ToString();
    }

    private static string Csrf(string token) => $"<input type=\"hidden\" name=\"{ConsoleSession.CsrfField}\" value=\"{Html.Text(token)}\">";

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("u", CultureInfo.InvariantCulture);
}

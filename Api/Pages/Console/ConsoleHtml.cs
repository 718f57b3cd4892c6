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

    /// <summary>The funnel: the chart, the same numbers as a table (each linked to its list), and the search.</summary>
    public static string Funnel(CustomerStats stats)
    {
        var html = new StringBuilder("<h1>Onboarding funnel</h1><section aria-labelledby=\"funnel\"><h2 id=\"funnel\">Customers per state</h2>")
            .Append(FunnelChart.Svg(stats))
            .Append(ScrollOpen("Customers per state, as numbers")).Append("<table id=\"funnel-numbers\"><caption class=\"visually-hidden\">Customers per state, as numbers</caption>")
            .Append("<thead><tr><th scope=\"col\">State</th><th scope=\"col\">Customers</th></tr></thead><tbody>");
        foreach (var state in FunnelStates)
        {
            html.Append($"<tr data-state=\"{state}\"><th scope=\"row\"><a href=\"{ConsolePaths.Customers}?state={state}\">{state}</a></th>")
                .Append($"<td class=\"count\">{stats.ByState.GetValueOrDefault(state)}</td></tr>");
            if (state == OnboardingState.Templated)
                html.Append($"<tr><th scope=\"row\" class=\"sub\">stalled (re-prompted, still waiting for a stack)</th><td id=\"stalled\">{stats.Stalled}</td></tr>");
            if (state == OnboardingState.Active)
                html.Append($"<tr><th scope=\"row\" class=\"sub\"><a href=\"{DegradedList}\">role degraded (its last check failed)</a></th>")
                    .Append($"<td id=\"degraded\">{stats.RoleDegraded}</td></tr>");
        }
        html.Append("</tbody></table></div>")
            .Append($"<p class=\"note\">Counted at {Html.Text(When(stats.At))}.</p></section>")
            .Append(Search(null, null));
        return html.ToString();
    }

    private static readonly string DegradedList = $"{ConsolePaths.Customers}?state={OnboardingState.Active}&amp;roleHealth=Degraded";

    /// <summary>One search box: an account id opens that customer, anything else is looked up as a partner reference.</summary>
    public static string Search(string? query, string? error) =>
        "<section aria-labelledby=\"find\"><h2 id=\"find\">Find a customer</h2>" +
        $"<form method=\"get\" action=\"{ConsolePaths.Customers}\"><label for=\"q\">AWS account id or the partner's reference</label>" +
        $"<input id=\"q\" name=\"q\" autocomplete=\"off\" value=\"{Html.Text(query)}\"" +
        (error is null ? ">" : $" aria-invalid=\"true\" aria-describedby=\"q-error\"><p class=\"field-error\" id=\"q-error\">{Html.Text(error)}</p>") +
        "<p><button type=\"submit\">Find</button></p></form></section>";

    /// <summary>The customers started under one reference (when it is more than one).</summary>
    public static string Found(string reference, IReadOnlyList<CustomerSummary> customers, int limit) =>
        $"<h1>Reference {Html.Text(reference)}</h1>" +
        Table($"Customers with the reference {Html.Text(reference)}, newest first", customers, showState: true) +
        (customers.Count >= limit ? $"<p class=\"note\">The newest {limit} are shown.</p>" : "") +
        Search(reference, null);

    /// <summary>Nothing has that account id or reference.</summary>
    public static string NotFound(string query) =>
        $"<h1>Nothing found</h1><p role=\"status\" id=\"not-found\">No customer has the account id or the reference {Html.Text(query)}.</p>" + Search(query, null);

    /// <param name="listQuery">The list's query string without its cursor (state, page size, filter), already encoded for a URL.</param>
    public static string List(OnboardingState state, bool degradedOnly, CustomerPage page, string? cursor, string listQuery)
    {
        var title = degradedOnly ? $"{state} customers whose role is degraded" : $"{state} customers";
        var html = new StringBuilder($"<h1>{title}</h1>").Append(Table($"{title}, newest first", page.Customers, showState: false));
        if (page.Customers.Count == 0) html.Append("<p>No customers in this state.</p>");
        var list = $"{ConsolePaths.Customers}?{Html.Text(listQuery)}";
        var links = new List<string>();
        if (cursor is not null) links.Add($"<a id=\"first-page\" href=\"{list}\">First page</a>");
        if (page.PreviousCursor is { } previous) links.Add($"<a id=\"previous-page\" href=\"{list}&amp;cursor={Html.Text(Uri.EscapeDataString(previous))}\">Previous page</a>");
        if (page.NextCursor is { } next) links.Add($"<a id=\"next-page\" href=\"{list}&amp;cursor={Html.Text(Uri.EscapeDataString(next))}\">Next page</a>");
        if (links.Count > 0) html.Append($"<nav class=\"pager\" aria-label=\"Pages\">{string.Join(" ", links)}</nav>");
        return html.ToString();
    }

    private static string Table(string caption, IReadOnlyList<CustomerSummary> customers, bool showState)
    {
        var html = new StringBuilder(ScrollOpen(caption)).Append($"<table id=\"customers\"><caption class=\"visually-hidden\">{caption}</caption><thead><tr>")
            .Append("<th scope=\"col\">Account</th>").Append(showState ? "<th scope=\"col\">State</th>" : "")
            .Append("<th scope=\"col\">Reference</th><th scope=\"col\">Region</th><th scope=\"col\">Started</th><th scope=\"col\">Stalled</th></tr></thead><tbody>");
        foreach (var customer in customers)
        {
            html.Append($"<tr><td><a href=\"{ConsolePaths.Customer(customer.AccountId)}\">{Html.Text(customer.AccountId)}</a></td>")
                .Append(showState ? $"<td>{customer.State}</td>" : "")
                .Append($"<td>{Html.Text(customer.Reference)}</td><td>{Html.Text(customer.Region)}</td><td>{Html.Text(When(customer.CreatedAt))}</td>")
                .Append($"<td>{(customer.Stalled ? "yes" : "")}</td></tr>");
        }
        return html.Append("</tbody></table></div>").ToString();
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
        html.Append(Notifications(view.Notifications ?? []));

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

    /// <summary>What the partner's systems were told about the customer (the latest few, newest first).</summary>
    private static string Notifications(IReadOnlyList<SentNotification> sent)
    {
        var html = new StringBuilder("<section aria-labelledby=\"notifications\"><h2 id=\"notifications\">Notifications sent to the partner</h2>");
        if (sent.Count == 0) return html.Append("<p id=\"no-notifications\">None yet.</p></section>").ToString();
        html.Append("<ol class=\"timeline\" id=\"sent-notifications\">");
        foreach (var notification in sent.Reverse())
        {
            html.Append($"<li><strong>{Html.Text(notification.Type)}</strong> at {Html.Text(When(notification.OccurredAt))}, published {Html.Text(When(notification.SentAt))}; ")
                .Append($"event id <code>{Html.Text(notification.EventId)}</code></li>");
        }
        return html.Append("</ol><p class=\"note\">The latest few, newest first; the partner's systems receive each on the notifications topic, once or more (the event id tells repeats apart).</p></section>").ToString();
    }

    /// <summary>
    /// A table's wrapper that scrolls sideways on a narrow screen: focusable and named, so a keyboard can scroll it too.
    /// <paramref name="label"/> is HTML-safe text.
    /// </summary>
    private static string ScrollOpen(string label) => $"<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{label}\">";

    private static string Csrf(string token) => $"<input type=\"hidden\" name=\"{ConsoleSession.CsrfField}\" value=\"{Html.Text(token)}\">";

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("u", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text;
using Onboarding.Api.Pages.Layout;
using Onboarding.Customers;
using Onboarding.Invitations;

namespace Onboarding.Api.Pages.Invitations;

/// <summary>The invitation's page: the account id to type (and the region, when the invitation fixes none), and why a start was refused.</summary>
public static class InvitationPageHtml
{
    /// <summary>The form, with what was typed and the message of each refused field.</summary>
    public static string Form(InvitationView invitation, string partner, string? accountId, string? region, IReadOnlyDictionary<string, string> errors, string? problem)
    {
        var p = Html.Text(partner);
        var html = new StringBuilder($"<h1>Connect your AWS account to {p}</h1>")
            .Append($"<p class=\"lead\">{p} invites you to connect an AWS account. Type its 12-digit account id")
            .Append(invitation.Region is null ? " and choose the region to create the stack in" : "")
            .Append(". The next page explains what access is asked for and lets you create the stack in AWS.</p>");
        if (problem is not null) html.Append($"<div class=\"error\" role=\"alert\" id=\"problem\"><p>{Html.Text(problem)}</p></div>");
        html.Append("<section aria-labelledby=\"account\"><h2 id=\"account\">Your AWS account</h2><form method=\"post\" novalidate>")
            .Append(Field("accountId", "AWS account id (12 digits)", accountId, errors,
                "<input id=\"accountId\" name=\"accountId\" inputmode=\"numeric\" autocomplete=\"off\" spellcheck=\"false\" required"));
        if (invitation.Region is null)
        {
            var options = new StringBuilder();
            foreach (var offered in invitation.Regions)
                options.Append($"<option{(offered == region ? " selected" : "")}>{Html.Text(offered)}</option>");
            html.Append(Field("region", "Region", null, errors, $"<select id=\"region\" name=\"region\"", options.ToString()));
        }
        else
        {
            html.Append($"<p>Region: <strong data-field=\"region\">{Html.Text(invitation.Region)}</strong></p>");
        }
        html.Append("<p><button type=\"submit\">Continue</button></p></form>")
            .Append($"<p class=\"note\">This invitation can be used once, until {Html.Text(invitation.ExpiresAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture))}.</p></section>");
        return html.ToString();
    }

    /// <summary>Why a start was refused, in plain words for the customer: never another onboarding's reference.</summary>
    public static string Refusal(CommandRefusal refusal, string partner) => refusal.Kind switch
    {
        RefusalKind.ReferenceConflict =>
            $"This AWS account is already being connected to {partner} through another request. Finish that one (or ask {partner} to cancel it) before using this invitation.",
        RefusalKind.RegionMismatch =>
            $"This AWS account is already being connected to {partner} in another region. Finish that one (or ask {partner} to cancel it) before using this invitation.",
        RefusalKind.InvalidTransition when refusal.CurrentState is OnboardingState.Active =>
            $"This AWS account is already connected to {partner}: there is nothing left to do.",
        RefusalKind.InvalidTransition =>
            $"This AWS account's stack already exists and is being connected to {partner}: there is nothing to do now.",
        _ => refusal.Message,
    };

    private static string Field(string name, string label, string? value, IReadOnlyDictionary<string, string> errors, string control, string? options = null)
    {
        var error = errors.TryGetValue(name, out var message) ? message : null;
        var described = error is null ? "" : $" aria-invalid=\"true\" aria-describedby=\"{name}-error\"";
        var html = new StringBuilder($"<label for=\"{name}\">{Html.Text(label)}</label>").Append(control).Append(described);
        html.Append(options is null ? $" value=\"{Html.Text(value)}\">" : $">{options}</select>");
        if (error is not null) html.Append($"<p class=\"field-error\" id=\"{name}-error\">{Html.Text(error)}</p>");
        return html.ToString();
    }
}

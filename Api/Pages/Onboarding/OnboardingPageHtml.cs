using System.Globalization;
using System.Text;
using Onboarding.Api.Pages.Layout;
using Onboarding.CustomerPages;

namespace Onboarding.Api.Pages.Onboarding;

/// <summary>The onboarding page's content: who asks, what the role grants, why an external id, the launch button, the live progress.</summary>
public static class OnboardingPageHtml
{
    public const string Script = "onboarding.js";

    /// <summary>Attributes of the page's main element: where its script asks for the status, and how often.</summary>
    public static string MainAttributes(string token, TimeSpan pollInterval) =>
        $"data-status-url=\"{Html.Text(Uri.EscapeDataString(token))}/status\" data-poll-ms=\"{(int)pollInterval.TotalMilliseconds}\"";

    public static string Content(OnboardingPageView view, RoleAccess access, OnboardingProgress progress, string token, string partner)
    {
        var p = Html.Text(partner);
        var html = new StringBuilder();
        html.Append($"<h1>{p} asks for access to your AWS account</h1>")
            .Append($"<p class=\"lead\">To connect your account, create one CloudFormation stack in it. The stack adds an IAM role that {p} can use, ")
            .Append("with the access described below, and tells the service the role is ready. Nothing else in your account changes.</p>");

        html.Append("<section aria-labelledby=\"request\"><h2 id=\"request\">This request</h2><dl>")
            .Append($"<dt>AWS account</dt><dd data-field=\"account\">{Html.Text(view.AccountId)}</dd>")
            .Append($"<dt>Region</dt><dd data-field=\"region\">{Html.Text(view.Region)} <span class=\"note\">(create the stack in this region: it reports to the service there)</span></dd>")
            .Append($"<dt>Stack name</dt><dd>{Html.Text(view.StackName)}</dd>");
        if (view.LinkExpiresAt is { } expires)
            html.Append($"<dt>Link valid until</dt><dd>{Html.Text(expires.UtcDateTime.ToString("u", CultureInfo.InvariantCulture))}</dd>");
        html.Append("</dl></section>");

        html.Append("<section aria-labelledby=\"access\"><h2 id=\"access\">What the role allows</h2>")
            .Append($"<p>The role trusts <code data-field=\"trusted\">{Html.Text(access.TrustedPrincipalArn)}</code>, in the AWS account ")
            .Append($"<span data-field=\"partner-account\">{Html.Text(access.PartnerAccountId)}</span> of {p}, and no one else.</p>")
            .Append("<p>It has these permissions:</p><ul data-field=\"permissions\">");
        foreach (var arn in access.ManagedPolicyArns) html.Append($"<li>{Html.Text(RoleAccessText.ManagedPolicy(arn))}</li>");
        foreach (var statement in access.InlinePolicy) html.Append($"<li>{Html.Text(RoleAccessText.Statement(statement))}</li>");
        html.Append("</ul><p>You can end the access at any time by deleting the stack.</p></section>");

        html.Append("<section aria-labelledby=\"external-id\"><h2 id=\"external-id\">Why an external id</h2>")
            .Append($"<p>{p} can use the role only when it also presents the external id <code data-field=\"external-id\">{Html.Text(view.ExternalId)}</code>, ")
            .Append($"which was made for your account alone. It stops anyone else who uses {p}'s service from getting {p} to reach your account ")
            .Append("through this role (the \"confused deputy\" problem). It is already written into the stack's template: you do not type it anywhere.</p></section>");

        var launchHidden = progress.Step is ProgressStep.Waiting or ProgressStep.Failed ? "" : " hidden";
        html.Append("<section aria-labelledby=\"connect\"><h2 id=\"connect\">Connect</h2>")
            .Append($"<div id=\"launch-section\"{launchHidden}><p><a class=\"button\" id=\"launch\" href=\"../launch/{Html.Text(Uri.EscapeDataString(token))}\" ")
            .Append("target=\"_blank\" rel=\"noopener noreferrer\">Launch stack in AWS</a></p>")
            .Append($"<p class=\"note\">Opens the AWS console in a new tab, on the page that creates the stack. Sign in to account {Html.Text(view.AccountId)}, ")
            .Append($"check that the region is {Html.Text(view.Region)}, acknowledge that the stack creates an IAM role, then choose Create stack.</p></div>");
        html.Append(Milestones(progress)).Append(Status(progress)).Append("</section>");
        if (view.UpdateAvailable) html.Append(Update(view, token, p));
        return html.ToString();
    }

    /// <summary>
    /// An outdated customer's update: the link to the console's update-stack page, and the steps by hand, since that page's
    /// address is no documented contract of AWS.
    /// </summary>
    private static string Update(OnboardingPageView view, string token, string partner) =>
        "<section aria-labelledby=\"update\" id=\"update-section\"><h2 id=\"update\">An update is available</h2>" +
        $"<p>{partner} changed what its role needs. Your stack still runs the earlier template: update it to keep the connection working as {partner} expects. " +
        "The role and its external id stay the same.</p>" +
        $"<p><a class=\"button\" id=\"update-stack\" href=\"../update/{Html.Text(Uri.EscapeDataString(token))}\" target=\"_blank\" rel=\"noopener noreferrer\">Update stack in AWS</a></p>" +
        $"<p class=\"note\">If the console does not open on the update page: in CloudFormation ({Html.Text(view.Region)}), select the stack " +
        $"{Html.Text(view.StackName)}, choose Update stack, then Replace existing template, and give the template URL the button's page shows " +
        "(the address after templateURL=). Acknowledge the IAM capability, then choose Submit.</p></section>";

    /// <summary>The four milestones, each done, current, failed or still to come.</summary>
    public static string Milestones(OnboardingProgress progress)
    {
        var html = new StringBuilder("<ol id=\"milestones\" class=\"milestones\">");
        for (var i = 0; i < OnboardingProgress.Milestones; i++)
        {
            var state = MilestoneState(progress, i);
            var current = state is "current" or "failed" ? " aria-current=\"step\"" : "";
            html.Append($"<li class=\"{state}\"{current}>{Html.Text(OnboardingProgress.MilestoneNames[i])}<span class=\"visually-hidden\"> ({state})</span></li>");
        }
        return html.Append("</ol>").ToString();
    }

    public static string MilestoneState(OnboardingProgress progress, int index) =>
        index < progress.Reached ? "done" : index > progress.Reached ? "to come" : progress.Step == ProgressStep.Failed ? "failed" : "current";

    private static string Status(OnboardingProgress progress) =>
        $"<div id=\"status\" role=\"status\" aria-live=\"polite\" data-step=\"{progress.Step}\">" +
        $"<p class=\"headline\">{Html.Text(progress.Headline)}</p><p class=\"detail\">{Html.Text(progress.Detail)}</p>" +
        $"<p class=\"role\"{(progress.RoleArn is null ? " hidden" : "")}>Role: <code>{Html.Text(progress.RoleArn)}</code></p></div>";
}

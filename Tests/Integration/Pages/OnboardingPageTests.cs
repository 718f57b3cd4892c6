using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Onboarding.CustomerSimulation.Customers;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Browsers;
using static Onboarding.Tests.Infrastructure.Browsers.BrowserSession;

namespace Onboarding.Tests.Integration.Pages;

/// <summary>The customer's onboarding page in a real browser, against the whole service and the CloudFormation stand-in.</summary>
[Collection(BrowserService.Collection)]
public sealed class OnboardingPageTests(BrowserService service)
{
    [Fact]
    public async Task The_page_names_the_request_launches_the_quick_create_page_and_reaches_connected_without_a_reload()
    {
        var (account, view) = await StartAsync("eu-west-1");
        await using var session = await service.NewSessionAsync();
        var page = await session.OpenAsync(PagePath(view));

        Assert.Equal(account, await TextAsync(page, "[data-field=account]"));
        Assert.StartsWith("eu-west-1", await TextAsync(page, "[data-field=region]"));
        Assert.Contains(BrowserService.PartnerName, await TextAsync(page, "h1"));
        Assert.Equal($"arn:aws:iam::{OnboardingService.PartnerAccountId}:root", await TextAsync(page, "[data-field=trusted]"));
        Assert.Contains("SecurityAudit (an AWS managed policy)", await TextAsync(page, "[data-field=permissions]"));
        Assert.Equal(view.GetProperty("externalId").GetString(), await TextAsync(page, "[data-field=external-id]"));
        Assert.Equal("Waiting", await page.Locator("#status").GetAttributeAsync("data-step"));
        // The partner's logo (Pages:LogoUrl) is shown: loaded, so the page's content security policy lets it in.
        var logo = page.Locator("header.brand img.logo");
        Assert.Equal(BrowserService.LogoUrl, await logo.GetAttributeAsync("src"));
        Assert.True(await logo.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the logo did not load");
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "onboarding-page-waiting");
        // Set on this document: still there at the end only if the page never reloaded.
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        var console = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Launch stack in AWS" }).ClickAsync());
        // The new tab opened the launch link, which redirected it to the console's quick-create page.
        await console.WaitForLoadStateAsync();
        var quickCreate = Assert.Single(session.ConsoleVisits);
        Assert.Equal("eu-west-1.console.aws.amazon.com", quickCreate.Host);
        Assert.Equal($"PartnerOnboarding-{account}", LaunchLinks.StackName(quickCreate));
        await console.CloseAsync();

        // The customer creates the stack in the console: CloudFormation creates the role, then sends the Create.
        using var http = new HttpClient();
        var stack = LaunchedStack.FromTemplate(await http.GetStringAsync(LaunchLinks.TemplateUrl(quickCreate)), account, "eu-west-1");
        var answer = await service.CloudFormation.SendAsync(stack, "Create");
        Assert.Equal("SUCCESS", answer.GetProperty("Status").GetString());

        await Eventually.TrueAsync(async () => await page.Locator("#status").GetAttributeAsync("data-step") == "Connected", "the page showing Connected");
        Assert.Equal(stack.RoleArn(), await TextAsync(page, "#status .role code"), ignoreWhiteSpaceDifferences: true);
        Assert.Equal(4, await page.Locator("#milestones li.done").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        Assert.True(await page.Locator("#launch-section").IsHiddenAsync());
        await ScreenshotAsync(page, "onboarding-page-connected");
    }

    [Fact]
    public async Task A_failed_create_shows_the_reason_the_stack_was_given()
    {
        var (account, view) = await StartAsync();
        await using var session = await service.NewSessionAsync();
        var page = await session.OpenAsync(PagePath(view));

        // The customer's role trusts the partner without the external id: the service must refuse it.
        using var http = new HttpClient();
        using var noRedirects = new HttpClient(LaunchLinkOpener.NewHandler());
        var quickCreate = await new LaunchLinkOpener(noRedirects).OpenAsync(new Uri(view.GetProperty("launchUrl").GetString()!));
        var template = await http.GetStringAsync(LaunchLinks.TemplateUrl(quickCreate));
        var stack = LaunchedStack.FromTemplate(template, account, "us-east-1");
        var role = await service.CloudFormation.CreateRoleAsync(stack, template);
        await service.CloudFormation.SetTrustPolicyAsync(role.Arn,
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{OnboardingService.PartnerAccountId}}:root"},"Action":"sts:AssumeRole"}]}""");
        var answer = await service.CloudFormation.SendAsync(stack, "Create");
        Assert.Equal("FAILED", answer.GetProperty("Status").GetString());

        await Eventually.TrueAsync(async () => await page.Locator("#status").GetAttributeAsync("data-step") == "Failed", "the page showing the failure");
        Assert.Contains(answer.GetProperty("Reason").GetString()!, await TextAsync(page, "#status .detail"));
        Assert.Contains("external id", await TextAsync(page, "#status .detail"));
        Assert.True(await page.Locator("#launch-section").IsVisibleAsync());
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "onboarding-page-failed");
    }

    [Fact]
    public async Task The_status_answer_holds_the_progress_and_never_the_external_id()
    {
        var (_, view) = await StartAsync();
        using var anonymous = service.ClientWithKey(null);

        var response = await anonymous.GetAsync(PagePath(view) + "/status");
        var page = await anonymous.GetAsync(PagePath(view));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(view.GetProperty("externalId").GetString()!, text);
        Assert.Equal("Waiting", JsonDocument.Parse(text).RootElement.GetProperty("step").GetString());
        foreach (var answer in new[] { response, page })
        {
            Assert.Equal("no-referrer", Assert.Single(answer.Headers.GetValues("Referrer-Policy")));
            Assert.Contains("no-store", answer.Headers.CacheControl?.ToString() ?? "");
        }
        Assert.Contains("script-src 'self'", Assert.Single(page.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Unknown_and_ended_links_show_a_page_that_says_so()
    {
        var (account, view) = await StartAsync();
        await using var session = await service.NewSessionAsync();
        var wrongSecret = await session.OpenAsync($"/onboard/{account}-{new string('x', 40)}");
        Assert.Equal("This link is not valid.", await TextAsync(wrongSecret, "h1"));
        Assert.DoesNotContain(account, await wrongSecret.ContentAsync());

        (await service.Client.DeleteAsync($"/customers/{account}")).EnsureSuccessStatusCode();
        await AssertGoneAsync(await session.OpenAsync(PagePath(view)), "This onboarding has ended", "onboarding-page-ended");
    }

    [Fact]
    public async Task An_expired_link_and_an_expired_invitation_each_say_so_in_plain_words()
    {
        var (_, view) = await StartAsync();
        var created = await service.PartnerClient.PostAsJsonAsync("/invitations", new { reference = "crm-expiring", region = "us-east-1" });
        created.EnsureSuccessStatusCode();
        var invitation = await created.Content.ReadFromJsonAsync<JsonElement>();
        var lastExpiry = new[] { view.GetProperty("launchUrlExpiresAt").GetDateTimeOffset(), invitation.GetProperty("expiresAt").GetDateTimeOffset() }.Max();
        await using var session = await service.NewSessionAsync();

        // The service's clock a minute past both expiries, for these two pages only.
        using (service.Clock.Shift(lastExpiry - DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1)))
        {
            await AssertGoneAsync(await session.OpenAsync(PagePath(view)), "This launch link expired on", "onboarding-page-expired");
            var invite = await session.OpenAsync(new Uri(invitation.GetProperty("url").GetString()!).AbsolutePath);
            await AssertGoneAsync(invite, "This invitation expired on", "invitation-expired");
            Assert.Equal(0, await invite.Locator("form").CountAsync());
        }
    }

    /// <summary>The plain page of a link that can no longer be used: why, and whom to ask for a new one.</summary>
    private static async Task AssertGoneAsync(IPage page, string reason, string screenshot)
    {
        Assert.Equal("This link can no longer be used.", await TextAsync(page, "h1"));
        Assert.StartsWith(reason, await TextAsync(page, "#reason"));
        Assert.Contains(BrowserService.SupportContact, await TextAsync(page, "main"));
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, screenshot);
    }

    private async Task<(string Account, JsonElement View)> StartAsync(string region = "us-east-1")
    {
        var account = TestAccounts.Next();
        var response = await service.PartnerClient.PostAsJsonAsync("/customers", new { accountId = account, region });
        response.EnsureSuccessStatusCode();
        return (account, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>The page link the view carries, as a path on the API.</summary>
    private static string PagePath(JsonElement view) => new Uri(view.GetProperty("pageUrl").GetString()!).AbsolutePath;
}

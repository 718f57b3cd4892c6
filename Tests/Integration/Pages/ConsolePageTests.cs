using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Browsers;
using static Onboarding.Tests.Infrastructure.Browsers.BrowserSession;

namespace Onboarding.Tests.Integration.Pages;

/// <summary>The operators' console in a real browser: sign-in with the operator key, the funnel, a customer's timeline, off-boarding.</summary>
[Collection(BrowserService.Collection)]
public sealed class ConsolePageTests(BrowserService service)
{
    [Fact]
    public async Task An_operator_signs_in_sees_the_funnel_of_stats_finds_a_customer_and_off_boards_it()
    {
        var account = TestAccounts.Next();
        (await service.PartnerClient.PostAsJsonAsync("/customers", new { accountId = account, reference = "console-test" })).EnsureSuccessStatusCode();
        await using var session = await service.NewSessionAsync();
        var page = await session.OpenAsync("/console/");
        Assert.Contains("/console/sign-in", page.Url);

        await page.GetByLabel("Operator API key").FillAsync(OnboardingService.PartnerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        Assert.Equal("That is not an operator key.", await TextAsync(page, "#problem"));
        await page.GetByLabel("Operator API key").FillAsync(OnboardingService.OperatorKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.TrimEnd('/') == "/console");

        var stats = await service.Client.GetFromJsonAsync<JsonElement>("/stats");
        foreach (var state in new[] { "Pending", "Templated", "Active", "Removed" })
        {
            var expected = stats.GetProperty("byState").TryGetProperty(state, out var count) ? count.GetInt64() : 0;
            Assert.Equal(expected.ToString(), await TextAsync(page, $"[data-state={state}] .count"));
        }
        var cookie = Assert.Single(await session.Context.CookiesAsync(), c => c.Name == "__onboarding_console");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(OnboardingService.OperatorKey, cookie.Value);
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "console-funnel");

        await page.GetByRole(AriaRole.Link, new() { Name = "Templated", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = account }).ClickAsync();
        Assert.Equal("Templated", await TextAsync(page, "#state"));
        Assert.Contains("Start", await TextAsync(page, "#history"));
        await AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Off-board" }).ClickAsync();
        Assert.Contains("Tick the confirmation", await TextAsync(page, "main"));
        Assert.Equal("Templated", (await service.Client.GetFromJsonAsync<JsonElement>($"/customers/{account}")).GetProperty("state").GetString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the customer" }).ClickAsync();
        await page.GetByLabel($"Yes, off-board account {account}: the partner stops using its role").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Off-board" }).ClickAsync();

        Assert.Equal("Removed", await TextAsync(page, "#state"));
        Assert.Contains("off-boarded by test-operator in the console", await TextAsync(page, "#history"));
        await ScreenshotAsync(page, "console-customer");
    }

    [Fact]
    public async Task A_forged_post_without_the_csrf_token_is_refused_and_changes_nothing()
    {
        var account = TestAccounts.Next();
        (await service.PartnerClient.PostAsJsonAsync("/customers", new { accountId = account })).EnsureSuccessStatusCode();
        await using var session = await service.NewSessionAsync();
        var page = await session.OpenAsync("/console/sign-in");
        await page.GetByLabel("Operator API key").FillAsync(OnboardingService.OperatorKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.TrimEnd('/') == "/console");

        // The session cookie goes along (same context), the form's token does not.
        var forged = await session.Context.APIRequest.PostAsync($"/console/customers/{account}/off-board",
            new() { Form = session.Context.APIRequest.CreateFormData().Set("confirm", "yes") });

        Assert.Equal(400, forged.Status);
        Assert.Equal("Templated", (await service.Client.GetFromJsonAsync<JsonElement>($"/customers/{account}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Console_pages_need_a_session_and_the_api_key_alone_does_not_open_them()
    {
        using var withKey = service.ClientWithKey(OnboardingService.OperatorKey);
        var response = await withKey.GetAsync("/console/customers?state=Templated");

        Assert.Contains("/console/sign-in", response.RequestMessage!.RequestUri!.AbsolutePath);
    }
}

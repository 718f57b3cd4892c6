using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Browsers;
using Onboarding.Tests.Integration.Events;
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

        // The chart and its table show what /stats says (counters land a moment after the moves they count).
        await Eventually.TrueAsync(async () =>
        {
            await page.ReloadAsync();
            var stats = await service.Client.GetFromJsonAsync<JsonElement>("/stats");
            return await FunnelShowsAsync(page, stats);
        }, "the funnel showing /stats");
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
        Assert.Equal("None yet.", await TextAsync(page, "#no-notifications"));
        await AssertAccessibleAsync(page);

        // A renewal is the customer's history too, naming the operator.
        await page.GetByRole(AriaRole.Button, new() { Name = "Renew the launch link" }).ClickAsync();
        Assert.Contains("The launch link was renewed", await TextAsync(page, "#notice"));
        Assert.Contains("LinkRenewed (Templated → Templated)", await TextAsync(page, "#history li"));
        Assert.Contains("launch link renewed by test-operator in the console", await TextAsync(page, "#history li"));
        var renewed = (await service.Client.GetFromJsonAsync<JsonElement>($"/customers/{account}")).GetProperty("history").EnumerateArray().Last();
        Assert.Equal("LinkRenewed", renewed.GetProperty("trigger").GetString());
        Assert.Equal("launch link renewed by test-operator in the console", renewed.GetProperty("reason").GetString());
        var notifications = await StackEvents.SubscribeToNotificationsAsync(service);

        await page.GetByRole(AriaRole.Button, new() { Name = "Off-board" }).ClickAsync();
        Assert.Contains("Tick the confirmation", await TextAsync(page, "main"));
        Assert.Equal("Templated", (await service.Client.GetFromJsonAsync<JsonElement>($"/customers/{account}")).GetProperty("state").GetString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the customer" }).ClickAsync();
        await page.GetByLabel($"Yes, off-board account {account}: the partner stops using its role").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Off-board" }).ClickAsync();

        Assert.Equal("Removed", await TextAsync(page, "#state"));
        Assert.Contains("off-boarded by test-operator in the console", await TextAsync(page, "#history"));

        // What the partner's systems received is on the customer's page: the same type and event id.
        var sent = JsonDocument.Parse((await new StackEvents(service).ReceiveContainingAsync(notifications, "CustomerRemoved\",\"accountId\":\"" + account)).Body).RootElement;
        var eventId = sent.GetProperty("eventId").GetString()!;
        await Eventually.TrueAsync(async () =>
        {
            await page.ReloadAsync();
            return await page.Locator("#sent-notifications").CountAsync() == 1 && (await TextAsync(page, "#sent-notifications")).Contains(eventId);
        }, "the customer's page showing the notification sent");
        Assert.StartsWith("CustomerRemoved at ", await TextAsync(page, "#sent-notifications li"));
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "console-customer");
    }

    [Fact]
    public async Task Paging_through_a_state_goes_forward_and_back_a_page_at_a_time()
    {
        // Newest first: the five made last lead the Templated list (tests of this collection run one at a time).
        var newestFirst = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var account = TestAccounts.Next();
            (await service.PartnerClient.PostAsJsonAsync("/customers", new { accountId = account, reference = "paging" })).EnsureSuccessStatusCode();
            newestFirst.Insert(0, account);
        }
        string[] made = [.. newestFirst];
        await using var session = await service.NewSessionAsync();
        var page = await SignInAsync(session);

        await page.GotoAsync("/console/customers?state=Templated&limit=2");
        Assert.Equal(made[0..2], await AccountsAsync(page));
        Assert.Equal(0, await page.Locator("#previous-page").CountAsync());
        await FollowAsync(page, "#next-page");
        Assert.Equal(made[2..4], await AccountsAsync(page));
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "console-paging");
        await FollowAsync(page, "#next-page");
        Assert.Equal(made[4], (await AccountsAsync(page))[0]);

        await FollowAsync(page, "#previous-page");
        Assert.Equal(made[2..4], await AccountsAsync(page));
        await FollowAsync(page, "#previous-page");
        Assert.Equal(made[0..2], await AccountsAsync(page));
        Assert.Equal(0, await page.Locator("#previous-page").CountAsync());
        Assert.Contains("limit=2", page.Url);
    }

    [Fact]
    public async Task Search_opens_a_customer_by_account_id_and_finds_customers_by_reference()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (single, shared) = ("crm-one-" + suffix, "crm-two-" + suffix);
        var alone = TestAccounts.Next();
        (await service.PartnerClient.PostAsJsonAsync("/customers", new { accountId = alone, reference = single })).EnsureSuccessStatusCode();
        var pair = new[] { TestAccounts.Next(), TestAccounts.Next() };
        foreach (var account in pair)
            (await service.PartnerClient.PostAsJsonAsync("/customers", new { accountId = account, reference = shared })).EnsureSuccessStatusCode();
        (await service.Client.DeleteAsync($"/customers/{pair[0]}")).EnsureSuccessStatusCode();
        await using var session = await service.NewSessionAsync();
        var page = await SignInAsync(session);

        await SearchAsync(page, pair[1]);
        Assert.EndsWith($"/console/customers/{pair[1]}", page.Url);
        Assert.Equal("Templated", await TextAsync(page, "#state"));

        await SearchAsync(page, single);
        Assert.EndsWith($"/console/customers/{alone}", page.Url);

        await SearchAsync(page, shared);
        Assert.Equal(new[] { pair[1], pair[0] }, await AccountsAsync(page));
        Assert.Contains("Removed", await TextAsync(page, "#customers tbody"));
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "console-search");

        await SearchAsync(page, "nobody-has-" + suffix);
        Assert.Contains("No customer has the account id or the reference", await TextAsync(page, "#not-found"));
        var api = await service.Client.GetFromJsonAsync<JsonElement>($"/customers?reference={shared}");
        Assert.Equal(new[] { pair[1], pair[0] }, api.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("accountId").GetString()!).ToArray());
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
    public async Task A_search_by_reference_through_the_api_stands_alone_and_names_what_it_cannot_be_combined_with()
    {
        var response = await service.Client.GetAsync("/customers?reference=crm-42&state=Templated");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("state", out _));
    }

    [Fact]
    public async Task Console_pages_need_a_session_and_the_api_key_alone_does_not_open_them()
    {
        using var withKey = service.ClientWithKey(OnboardingService.OperatorKey);
        var response = await withKey.GetAsync("/console/customers?state=Templated");

        Assert.Contains("/console/sign-in", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    private static async Task<IPage> SignInAsync(BrowserSession session)
    {
        var page = await session.OpenAsync("/console/sign-in");
        await page.GetByLabel("Operator API key").FillAsync(OnboardingService.OperatorKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.TrimEnd('/') == "/console");
        return page;
    }

    private static async Task SearchAsync(IPage page, string text)
    {
        await page.GotoAsync("/console");
        await page.GetByLabel("AWS account id or the partner's reference").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/console/customers", StringComparison.Ordinal));
    }

    /// <summary>Clicks the link and waits for the page it leads to.</summary>
    private static async Task FollowAsync(IPage page, string link)
    {
        var before = page.Url;
        await page.Locator(link).ClickAsync();
        await page.WaitForURLAsync(url => url != before);
    }

    /// <summary>The accounts the page's customer table lists, in order.</summary>
    private static async Task<string[]> AccountsAsync(IPage page) =>
        [.. (await page.Locator("#customers tbody tr td:first-child").AllInnerTextsAsync()).Select(t => t.Trim())];

    /// <summary>True when the chart's bars and the table's numbers are all what <paramref name="stats"/> says.</summary>
    private static async Task<bool> FunnelShowsAsync(IPage page, JsonElement stats)
    {
        var expected = new Dictionary<string, long>
        {
            ["stalled"] = stats.GetProperty("stalled").GetInt64(),
            ["role degraded"] = stats.GetProperty("roleDegraded").GetInt64(),
        };
        foreach (var state in new[] { "Pending", "Templated", "Activating", "Active", "Removed" })
            expected[state] = stats.GetProperty("byState").TryGetProperty(state, out var count) ? count.GetInt64() : 0;
        foreach (var (row, count) in expected)
        {
            if (await page.Locator($"#funnel-chart [data-row='{row}']").GetAttributeAsync("data-count") != count.ToString()) return false;
            var cell = row switch { "stalled" => "#stalled", "role degraded" => "#degraded", _ => $"[data-state={row}] .count" };
            if (await TextAsync(page, cell) != count.ToString()) return false;
        }
        return true;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Onboarding.Identifiers;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Browsers;
using static Onboarding.Tests.Infrastructure.Browsers.BrowserSession;

namespace Onboarding.Tests.Integration.Pages;

/// <summary>An invitation in a real browser: the customer types its account id, the onboarding starts under the partner's reference.</summary>
[Collection(BrowserService.Collection)]
public sealed class InvitationPageTests(BrowserService service)
{
    [Fact]
    public async Task A_mistyped_id_gets_the_apis_message_then_a_right_one_starts_the_onboarding_and_the_link_is_used_up()
    {
        var reference = "crm-" + Guid.NewGuid().ToString("N")[..8];
        var invitation = await CreateAsync(new { reference, region = "eu-west-2" });
        await using var session = await service.NewSessionAsync();
        var page = await session.OpenAsync(invitation.AbsolutePath);
        Assert.Equal("eu-west-2", await TextAsync(page, "[data-field=region]"));
        await AssertAccessibleAsync(page);

        await page.GetByLabel("AWS account id (12 digits)").FillAsync("12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal(AccountIds.Check("accountId", "12345"), await TextAsync(page, "#accountId-error"));
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "invitation-mistyped");

        var account = TestAccounts.Next();
        await page.GetByLabel("AWS account id (12 digits)").FillAsync(account);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/onboard/", StringComparison.Ordinal));
        Assert.Equal(account, await TextAsync(page, "[data-field=account]"));
        Assert.StartsWith("eu-west-2", await TextAsync(page, "[data-field=region]"));
        var view = await service.PartnerClient.GetFromJsonAsync<JsonElement>($"/customers/{account}");
        Assert.Equal(reference, view.GetProperty("reference").GetString());
        Assert.Equal("eu-west-2", view.GetProperty("region").GetString());

        var again = await session.OpenAsync(invitation.AbsolutePath);
        Assert.Contains("already used", await TextAsync(again, "#reason"));
        await ScreenshotAsync(again, "invitation-used");
    }

    [Fact]
    public async Task An_account_in_flight_under_another_reference_is_told_in_plain_words_and_the_invitation_stays_open()
    {
        var busy = TestAccounts.Next();
        (await service.PartnerClient.PostAsJsonAsync("/customers", new { accountId = busy, reference = "someone-elses", region = "us-east-1" })).EnsureSuccessStatusCode();
        var invitation = await CreateAsync(new { reference = "crm-" + Guid.NewGuid().ToString("N")[..8] });
        await using var session = await service.NewSessionAsync();
        var page = await session.OpenAsync(invitation.AbsolutePath);

        await page.GetByLabel("AWS account id (12 digits)").FillAsync(busy);
        await page.GetByLabel("Region").SelectOptionAsync("us-east-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        var problem = await TextAsync(page, "#problem");
        Assert.Contains("already being connected", problem);
        Assert.DoesNotContain("someone-elses", await page.ContentAsync());

        var free = TestAccounts.Next();
        await page.GetByLabel("AWS account id (12 digits)").FillAsync(free);
        await page.GetByLabel("Region").SelectOptionAsync("eu-west-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/onboard/", StringComparison.Ordinal));
        Assert.StartsWith("eu-west-1", await TextAsync(page, "[data-field=region]"));
    }

    [Fact]
    public async Task A_form_post_from_another_site_is_refused_and_uses_nothing()
    {
        var invitation = await CreateAsync(new { reference = "crm-forged", region = "us-east-1" });
        using var anonymous = service.ClientWithKey(null);
        using var forged = new HttpRequestMessage(HttpMethod.Post, invitation.AbsolutePath)
        {
            Content = new FormUrlEncodedContent([new("accountId", TestAccounts.Next())]),
        };
        forged.Headers.Add("Origin", "https://attacker.example");

        var response = await anonymous.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(invitation.AbsolutePath)).StatusCode);
    }

    [Fact]
    public async Task Creating_an_invitation_needs_a_reference_and_a_well_formed_region()
    {
        var response = await service.PartnerClient.PostAsJsonAsync("/invitations", new { region = "Europe" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("reference", out _));
        Assert.Equal(RegionNames.Check("region", "Europe"), errors.GetProperty("region")[0].GetString());
    }

    private async Task<Uri> CreateAsync(object request)
    {
        var response = await service.PartnerClient.PostAsJsonAsync("/invitations", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return new Uri((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Events;

namespace Onboarding.Tests.Integration.Customers;

/// <summary>The partner's reads and the launch-URL refresh.</summary>
[Collection(ServiceCollectionDefinition.Name)]
public sealed class CustomerReadAndRefreshTests(OnboardingService service)
{
    private readonly StackEvents _events = new(service);

    [Fact]
    public async Task A_refreshed_launch_url_points_at_a_readable_template_and_expires_later()
    {
        var account = TestAccounts.Next();
        var started = await (await service.PartnerClient.PostAsJsonAsync("/customers", new { accountId = account })).Content.ReadFromJsonAsync<JsonElement>();
        await Task.Delay(TimeSpan.FromMilliseconds(1100)); // presigned expiries have one-second resolution

        var response = await service.PartnerClient.PostAsync($"/customers/{account}/launch-url", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Templated", view.GetProperty("state").GetString());
        Assert.Equal(started.GetProperty("externalId").GetString(), view.GetProperty("externalId").GetString());
        Assert.NotEqual(started.GetProperty("launchUrl").GetString(), view.GetProperty("launchUrl").GetString());
        Assert.True(view.GetProperty("launchUrlExpiresAt").GetDateTimeOffset() > started.GetProperty("launchUrlExpiresAt").GetDateTimeOffset());
        using var http = new HttpClient();
        var template = await http.GetStringAsync(LaunchLinks.TemplateUrl(new Uri(view.GetProperty("launchUrl").GetString()!)));
        Assert.Contains(view.GetProperty("externalId").GetString()!, template);
    }

    [Fact]
    public async Task An_active_customer_has_no_launch_url_to_refresh_and_an_unknown_one_is_not_found()
    {
        var (account, stack, _) = await _events.StartAndLaunchAsync();
        await _events.CloudFormation.SendAsync(stack, "Create");

        var active = await service.PartnerClient.PostAsync($"/customers/{account}/launch-url", null);
        Assert.Equal(HttpStatusCode.Conflict, active.StatusCode);
        var problem = await active.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith("/invalid-transition", problem.GetProperty("type").GetString());
        Assert.Contains("Active", problem.GetRawText());

        var unknown = await service.PartnerClient.PostAsync($"/customers/{TestAccounts.Next()}/launch-url", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_history_lists_each_transition_in_order_with_its_reason()
    {
        var (account, stack, _) = await _events.StartAndLaunchAsync();
        await _events.CloudFormation.SendAsync(stack, "Create");

        var history = await service.PartnerClient.GetFromJsonAsync<JsonElement>($"/customers/{account}/history");

        var entries = history.EnumerateArray().ToList();
        Assert.Equal(["Start", "TemplatePublished", "StackCreated"], entries.Select(e => e.GetProperty("trigger").GetString()));
        Assert.Equal(["Pending", "Templated", "Active"], entries.Select(e => e.GetProperty("to").GetString()));
        Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("reason").GetString())));
        var times = entries.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(HttpStatusCode.NotFound, (await service.PartnerClient.GetAsync($"/customers/{TestAccounts.Next()}/history")).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Events;
using Onboarding.Tests.Integration.Stalled;

namespace Onboarding.Tests.Integration.Customers;

/// <summary>The launch-URL refresh on the fake clock: a refreshed URL's lifetime counts from the refresh.</summary>
[Collection(FakeClockCollection.Name)]
public sealed class LaunchUrlRefreshTests(FakeClockService service)
{
    [Fact]
    public async Task A_refreshed_launch_url_points_at_a_readable_template_and_expires_later()
    {
        var account = TestAccounts.Next();
        var started = await (await service.PartnerClient.PostAsJsonAsync("/customers", new { accountId = account })).Content.ReadFromJsonAsync<JsonElement>();
        var later = TimeSpan.FromHours(1);
        await service.AdvanceAsync(later);

        var response = await service.PartnerClient.PostAsync($"/customers/{account}/launch-url", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Templated", view.GetProperty("state").GetString());
        Assert.Equal(started.GetProperty("externalId").GetString(), view.GetProperty("externalId").GetString());
        Assert.NotEqual(started.GetProperty("launchUrl").GetString(), view.GetProperty("launchUrl").GetString());
        Assert.Equal(started.GetProperty("launchUrlExpiresAt").GetDateTimeOffset() + later, view.GetProperty("launchUrlExpiresAt").GetDateTimeOffset());
        using var http = new HttpClient();
        var template = await http.GetStringAsync(LaunchLinks.TemplateUrl(new Uri(view.GetProperty("launchUrl").GetString()!)));
        Assert.Contains(view.GetProperty("externalId").GetString()!, template);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Grains.Whitelist;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Integration.Customers;

[CollectionDefinition(Name)]
public sealed class ServiceCollectionDefinition : ICollectionFixture<OnboardingService>
{
    public const string Name = "service";
}

[Collection(ServiceCollectionDefinition.Name)]
public sealed class StartOnboardingTests(OnboardingService service)
{
    private HttpClient Api => service.Client;

    [Fact]
    public async Task A_start_whitelists_the_account_stores_the_template_and_returns_a_launch_url()
    {
        var account = TestAccounts.Next();

        var response = await Api.PostAsJsonAsync("/customers", new { accountId = account, reference = "crm-42", region = "eu-west-1" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/customers/{account}", response.Headers.Location?.ToString());
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Templated", view.GetProperty("state").GetString());
        Assert.Equal("crm-42", view.GetProperty("reference").GetString());
        var externalId = view.GetProperty("externalId").GetString()!;
        Assert.Matches("^[A-Za-z0-9]{32,}$", externalId);

        // The launch URL is the service's stable link; it leads to the console's quick-create page in the
        // customer's region, pointing at the template.
        var launchLink = new Uri(view.GetProperty("launchUrl").GetString()!);
        Assert.StartsWith(new Uri(OnboardingService.ApiBaseUrl, "launch/").AbsoluteUri, launchLink.AbsoluteUri);
        var launchUrl = await service.OpenLaunchLinkAsync(launchLink);
        Assert.Equal("eu-west-1.console.aws.amazon.com", launchUrl.Host);
        var templateUrl = LaunchLinks.TemplateUrl(launchUrl);
        Assert.True(view.GetProperty("launchUrlExpiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(2));

        // The template exists, parses, and names this account's external id and topic.
        using var http = new HttpClient();
        using var template = JsonDocument.Parse(await http.GetStringAsync(templateUrl));
        Assert.False(template.RootElement.TryGetProperty("Parameters", out _));
        var text = template.RootElement.GetRawText();
        Assert.Contains(externalId, text);
        var topicArn = view.GetProperty("topicArn").GetString()!;
        Assert.StartsWith("arn:aws:sns:eu-west-1:", topicArn);
        Assert.Contains(topicArn, text);

        // The account is on the topic's access policy.
        var sns = service.Silo.Services.GetRequiredService<ISnsClient>();
        var attributes = await sns.GetTopicAttributesAsync(topicArn);
        var policy = TopicPolicyDocument.Parse(attributes["Policy"], topicArn);
        Assert.Contains(account, policy.CustomerAccounts);
    }

    [Fact]
    public async Task A_repeated_start_returns_the_same_onboarding_with_200()
    {
        var account = TestAccounts.Next();
        var first = await (await Api.PostAsJsonAsync("/customers", new { accountId = account })).Content.ReadFromJsonAsync<JsonElement>();

        var again = await Api.PostAsJsonAsync("/customers", new { accountId = account });

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(first.GetProperty("externalId").GetString(), second.GetProperty("externalId").GetString());
        Assert.Equal(first.GetProperty("topicArn").GetString(), second.GetProperty("topicArn").GetString());
        Assert.Equal("us-east-1", second.GetProperty("region").GetString());
        Assert.Single(second.GetProperty("history").EnumerateArray(), h => h.GetProperty("to").GetString() == "Templated");
    }

    [Fact]
    public async Task A_start_in_another_region_while_one_is_in_flight_is_a_409_with_the_state()
    {
        var account = TestAccounts.Next();
        await Api.PostAsJsonAsync("/customers", new { accountId = account, region = "us-east-1" });

        var response = await Api.PostAsJsonAsync("/customers", new { accountId = account, region = "eu-west-1" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Templated", problem.GetProperty("currentState").GetString());
        Assert.EndsWith("/region-mismatch", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_start_under_another_reference_while_one_is_in_flight_is_a_409_naming_both()
    {
        var account = TestAccounts.Next();
        var first = await (await Api.PostAsJsonAsync("/customers", new { accountId = account, reference = "crm-1" })).Content.ReadFromJsonAsync<JsonElement>();

        var other = await Api.PostAsJsonAsync("/customers", new { accountId = account, reference = "crm-2" });

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        var problem = await other.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith("/reference-conflict", problem.GetProperty("type").GetString());
        Assert.Contains("'crm-1'", problem.GetProperty("detail").GetString());
        Assert.Contains("'crm-2'", problem.GetProperty("detail").GetString());
        Assert.False(problem.TryGetProperty("externalId", out _));

        // The same reference, or none, resumes the same onboarding; it is still reported under the first reference.
        foreach (object body in new object[] { new { accountId = account, reference = "crm-1" }, new { accountId = account } })
        {
            var again = await Api.PostAsJsonAsync("/customers", body);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            var view = await again.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(first.GetProperty("externalId").GetString(), view.GetProperty("externalId").GetString());
            Assert.Equal("crm-1", view.GetProperty("reference").GetString());
        }
    }

    [Fact]
    public async Task Get_returns_the_view_with_history_and_404_for_an_unknown_account()
    {
        var account = TestAccounts.Next();
        await Api.PostAsJsonAsync("/customers", new { accountId = account });

        var view = await Api.GetFromJsonAsync<JsonElement>($"/customers/{account}");
        Assert.Equal("Templated", view.GetProperty("state").GetString());
        var history = view.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("from").GetString(), h.GetProperty("to").GetString())).ToList();
        Assert.Equal([("None", "Pending"), ("Pending", "Templated")], history);

        var unknown = await Api.GetAsync($"/customers/{TestAccounts.Next()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }
}

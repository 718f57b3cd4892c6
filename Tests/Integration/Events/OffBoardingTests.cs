using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Customers;

namespace Onboarding.Tests.Integration.Events;

/// <summary>Partner-initiated off-boarding through DELETE /customers/{accountId}, up to the customer's later stack deletion.</summary>
[Collection(ServiceCollectionDefinition.Name)]
public sealed class OffBoardingTests(OnboardingService service) : IAsyncLifetime
{
    private readonly StackEvents _events = new(service);
    private string _notifications = "";

    public async Task InitializeAsync() => _notifications = await StackEvents.SubscribeToNotificationsAsync(service);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_active_customer_off_boarded_keeps_its_role_for_audit_and_its_topic_until_its_stack_delete_succeeds()
    {
        var (account, stack, _) = await _events.StartAndLaunchAsync();
        var created = await _events.CreateAsync(stack);
        var physicalId = created.GetProperty("PhysicalResourceId").GetString()!;
        Assert.True((await _events.ViewAsync(account)).GetProperty("roleUsable").GetBoolean());

        var response = await service.Client.DeleteAsync($"/customers/{account}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Removed", view.GetProperty("state").GetString());
        Assert.Equal(stack.RoleArn(), view.GetProperty("roleArn").GetString());
        Assert.False(view.GetProperty("roleUsable").GetBoolean());
        var last = view.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("OffBoarded", last.GetProperty("trigger").GetString());
        Assert.Contains("off-boarded by partner", last.GetProperty("reason").GetString());
        var removed = JsonDocument.Parse((await _events.ReceiveContainingAsync(_notifications, "CustomerRemoved\",\"accountId\":\"" + account)).Body).RootElement;
        Assert.Contains("off-boarded by partner", removed.GetRawText());
        // CloudFormation can only deliver the stack's Delete through the topic: the account stays on it until then.
        Assert.Contains(account, await _events.TopicAccountsAsync(stack.TopicArn));
        var update = await _events.CloudFormation.SendAsync(stack, "Update", physicalId);
        Assert.Equal("FAILED", update.GetProperty("Status").GetString());

        // Repeating it is harmless: same Removed view, no second transition.
        var again = await service.Client.DeleteAsync($"/customers/{account}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var againView = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Single(againView.GetProperty("history").EnumerateArray(), h => h.GetProperty("trigger").GetString() == "OffBoarded");

        // The customer deletes its stack later: CloudFormation must not hang on it.
        var deleted = await _events.CloudFormation.SendAsync(stack, "Delete", physicalId);
        Assert.Equal("SUCCESS", deleted.GetProperty("Status").GetString());
        Assert.Equal(physicalId, deleted.GetProperty("PhysicalResourceId").GetString());
        var after = await _events.ViewAsync(account);
        Assert.Equal("Removed", after.GetProperty("state").GetString());
        Assert.False(after.GetProperty("roleUsable").GetBoolean());
        Assert.Single(after.GetProperty("history").EnumerateArray(), h => h.GetProperty("to").GetString() == "Removed");
        // The policy entry goes right after the answer.
        await Eventually.TrueAsync(async () => !(await _events.TopicAccountsAsync(stack.TopicArn)).Contains(account),
            $"{account} off its topic's policy");
    }

    [Fact]
    public async Task A_templated_customer_off_boarded_loses_its_template_and_can_start_again_with_a_new_external_id()
    {
        var (account, _, templateUrl) = await _events.StartAndLaunchAsync();
        var before = await _events.ViewAsync(account);

        Assert.Equal(HttpStatusCode.OK, (await service.Client.DeleteAsync($"/customers/{account}")).StatusCode);

        await _events.AssertNotOnTopicAsync(account, (await _events.ViewAsync(account)).GetProperty("topicArn").GetString()!);
        using (var http = new HttpClient())
        {
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(templateUrl)).StatusCode);
        }
        Assert.Equal(JsonValueKind.Null, (await _events.ViewAsync(account)).GetProperty("launchUrl").ValueKind);
        var restarted = await service.PartnerClient.PostAsJsonAsync("/customers", new { accountId = account });
        Assert.Equal(HttpStatusCode.Created, restarted.StatusCode);
        var view = await restarted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Templated", view.GetProperty("state").GetString());
        Assert.NotEqual(before.GetProperty("externalId").GetString(), view.GetProperty("externalId").GetString());
    }

    [Fact]
    public async Task Off_boarding_an_unknown_or_malformed_account_is_a_clear_error()
    {
        var unknown = await service.Client.DeleteAsync($"/customers/{TestAccounts.Next()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.EndsWith("/not-found", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());

        var malformed = await service.Client.DeleteAsync("/customers/12345");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }
}

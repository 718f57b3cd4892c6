using System.Net;
using System.Text.Json;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Customers;

namespace Onboarding.Tests.Integration.Events;

[Collection(ServiceCollectionDefinition.Name)]
public sealed class StackLifecycleTests(OnboardingService service) : IAsyncLifetime
{
    private readonly StackEvents _events = new(service);
    private string _notifications = "";

    public async Task InitializeAsync() => _notifications = await StackEvents.SubscribeToNotificationsAsync(service);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Create_activates_update_keeps_the_resource_and_delete_removes_with_notifications_each_time()
    {
        var (account, stack, templateUrl) = await _events.StartAndLaunchAsync();

        var created = await _events.CreateAsync(stack);
        Assert.Equal(stack.StackId, created.GetProperty("StackId").GetString());
        Assert.Equal("PartnerRegistration", created.GetProperty("LogicalResourceId").GetString());
        var physicalId = created.GetProperty("PhysicalResourceId").GetString()!;
        Assert.Contains(account, physicalId);

        var active = await _events.ViewAsync(account);
        Assert.Equal("Active", active.GetProperty("state").GetString());
        Assert.Equal(stack.RoleArn(), active.GetProperty("roleArn").GetString());
        Assert.Equal(stack.StackId, active.GetProperty("stackId").GetString());
        Assert.Equal(JsonValueKind.Null, active.GetProperty("launchUrl").ValueKind);
        using (var http = new HttpClient())
        {
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(templateUrl)).StatusCode);
        }
        var activated = JsonDocument.Parse((await _events.ReceiveContainingAsync(_notifications, account)).Body).RootElement;
        Assert.Equal("CustomerActivated", activated.GetProperty("type").GetString());
        Assert.Equal(stack.RoleArn(), activated.GetProperty("roleArn").GetString());
        Assert.Equal(1, activated.GetProperty("schemaVersion").GetInt32());

        // An update that would replace the partner's role is refused (the stack rolls back); one that keeps it is taken.
        var renamed = stack with { Properties = new(stack.Properties) { ["RoleArn"] = stack.RoleArn("Renamed") } };
        var replacing = await _events.CloudFormation.SendAsync(renamed, "Update", physicalId);
        Assert.Equal("FAILED", replacing.GetProperty("Status").GetString());
        Assert.Contains("would replace the role", replacing.GetProperty("Reason").GetString());
        Assert.Equal(stack.RoleArn(), (await _events.ViewAsync(account)).GetProperty("roleArn").GetString());
        var updated = await _events.CloudFormation.SendAsync(stack, "Update", physicalId);
        Assert.Equal("SUCCESS", updated.GetProperty("Status").GetString());
        Assert.Equal(physicalId, updated.GetProperty("PhysicalResourceId").GetString());
        var roleUpdated = await _events.ReceiveContainingAsync(_notifications, "CustomerRoleUpdated\",\"accountId\":\"" + account);
        Assert.Contains(stack.RoleArn(), roleUpdated.Body);

        var deleted = await _events.CloudFormation.SendAsync(stack, "Delete", physicalId);
        Assert.Equal("SUCCESS", deleted.GetProperty("Status").GetString());
        Assert.Equal(physicalId, deleted.GetProperty("PhysicalResourceId").GetString());
        Assert.Equal("Removed", (await _events.ViewAsync(account)).GetProperty("state").GetString());
        await _events.ReceiveContainingAsync(_notifications, "CustomerRemoved\",\"accountId\":\"" + account);
        await _events.AssertNotOnTopicAsync(account, stack.TopicArn);
    }

    [Fact]
    public async Task A_request_delivered_three_times_is_applied_once_and_answered_each_time()
    {
        var (account, stack, _) = await _events.StartAndLaunchAsync();
        var (request, answerKey) = await _events.CloudFormation.NewRequestAsync(stack, "Create", physicalResourceId: null);

        for (var i = 0; i < 3; i++) await _events.CloudFormation.PublishAsync(stack.TopicArn, request);

        Assert.Equal("SUCCESS", (await _events.CloudFormation.AnswerAsync(answerKey)).GetProperty("Status").GetString());
        var view = await WaitForAsync(account, v => v.GetProperty("state").GetString() == "Active");
        Assert.Single(view.GetProperty("history").EnumerateArray(), h => h.GetProperty("trigger").GetString() == "StackCreated");
    }

    [Fact]
    public async Task A_delete_before_its_create_succeeds_without_effect_and_the_create_still_activates()
    {
        var (account, stack, _) = await _events.StartAndLaunchAsync();

        var early = await _events.CloudFormation.SendAsync(stack, "Delete", physicalResourceId: "never-created");
        Assert.Equal("SUCCESS", early.GetProperty("Status").GetString());
        Assert.Equal("never-created", early.GetProperty("PhysicalResourceId").GetString());
        Assert.Equal("Templated", (await _events.ViewAsync(account)).GetProperty("state").GetString());

        await _events.CreateAsync(stack);
        Assert.Equal("Active", (await _events.ViewAsync(account)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_rollback_of_a_failed_create_succeeds_and_changes_nothing()
    {
        var (account, stack, _) = await _events.StartAndLaunchAsync();

        var failed = await _events.CloudFormation.SendAsync(stack, "Create", tamper: r => r["ResourceProperties"]!["OnboardingToken"] = "forged-token-value");
        Assert.Equal("FAILED", failed.GetProperty("Status").GetString());
        var rollback = await _events.CloudFormation.SendAsync(stack, "Delete", failed.GetProperty("PhysicalResourceId").GetString());

        Assert.Equal("SUCCESS", rollback.GetProperty("Status").GetString());
        Assert.Equal("Templated", (await _events.ViewAsync(account)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_second_stack_cannot_take_over_an_active_account_and_its_delete_undoes_nothing()
    {
        var (account, stack, _) = await _events.StartAndLaunchAsync();
        await _events.CreateAsync(stack);
        var other = stack with { StackId = stack.StackId.Replace(stack.StackId[^36..], Guid.NewGuid().ToString(), StringComparison.Ordinal) };

        var takeover = await _events.CloudFormation.SendAsync(other, "Create");
        Assert.Equal("FAILED", takeover.GetProperty("Status").GetString());
        var otherDelete = await _events.CloudFormation.SendAsync(other, "Delete", takeover.GetProperty("PhysicalResourceId").GetString());

        Assert.Equal("SUCCESS", otherDelete.GetProperty("Status").GetString());
        var view = await _events.ViewAsync(account);
        Assert.Equal("Active", view.GetProperty("state").GetString());
        Assert.Equal(stack.StackId, view.GetProperty("stackId").GetString());
    }

    private async Task<JsonElement> WaitForAsync(string account, Func<JsonElement, bool> condition)
    {
        JsonElement view = default;
        await Eventually.TrueAsync(async () => condition(view = await _events.ViewAsync(account)), $"the view of {account} to reach the expected state");
        return view;
    }
}

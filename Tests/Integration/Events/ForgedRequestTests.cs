using Onboarding.CustomerSimulation.LocalAws;
using System.Text.Json.Nodes;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Customers;

namespace Onboarding.Tests.Integration.Events;

[Collection(ServiceCollectionDefinition.Name)]
public sealed class ForgedRequestTests(OnboardingService service)
{
    private readonly StackEvents _events = new(service);

    public static TheoryData<string, Action<JsonObject, string>> Forgeries => new()
    {
        { "wrong account in StackId", (r, _) => r["StackId"] = ((string)r["StackId"]!).Replace(AccountIn(r), "999999999999", StringComparison.Ordinal) },
        { "wrong external id", (r, _) => r["ResourceProperties"]!["ExternalId"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
        { "wrong token", (r, _) => r["ResourceProperties"]!["OnboardingToken"] = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB" },
        { "role in another account", (r, _) => r["ResourceProperties"]!["RoleArn"] = "arn:aws:iam::999999999999:role/Attacker" },
        { "unknown resource type", (r, _) => r["ResourceType"] = "Custom::Other" },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_create_is_answered_FAILED_without_leaking_and_changes_nothing(string forgery, Action<JsonObject, string> tamper)
    {
        var (account, stack, _) = await _events.StartAndLaunchAsync();
        var before = await _events.ViewAsync(account);

        var answer = await _events.CloudFormation.SendAsync(stack, "Create", tamper: r => tamper(r, account));

        Assert.Equal("FAILED", answer.GetProperty("Status").GetString());
        var reason = answer.GetProperty("Reason").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(reason), forgery);
        Assert.DoesNotContain(stack.Properties["ExternalId"], reason);
        Assert.DoesNotContain(stack.Properties["OnboardingToken"], reason);
        var after = await _events.ViewAsync(account);
        Assert.Equal("Templated", after.GetProperty("state").GetString());
        Assert.Equal(before.GetProperty("updatedAt").GetString(), after.GetProperty("updatedAt").GetString());
    }

    [Fact]
    public async Task A_forged_delete_of_the_live_resource_is_refused_and_the_customer_stays_active()
    {
        var (account, stack, _) = await _events.StartAndLaunchAsync();
        var created = await _events.CreateAsync(stack);

        var forged = await _events.CloudFormation.SendAsync(stack, "Delete", created.GetProperty("PhysicalResourceId").GetString(),
            tamper: r => r["ResourceProperties"]!["OnboardingToken"] = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");

        Assert.Equal("FAILED", forged.GetProperty("Status").GetString());
        Assert.Equal("Active", (await _events.ViewAsync(account)).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/security-credentials/")]
    [InlineData("http://127.0.0.1:{api}/customers")]
    [InlineData("https://example.com/s3.amazonaws.com")]
    public async Task A_response_url_off_the_allow_list_is_never_called_and_goes_to_the_dead_letter_queue(string url)
    {
        var (account, stack, _) = await _events.StartAndLaunchAsync();
        var (request, answerKey) = await _events.CloudFormation.NewRequestAsync(stack, "Create", physicalResourceId: null);
        var requestId = (string)request["RequestId"]!;
        request["ResponseURL"] = url.Replace("{api}", FreePorts.Next().ToString(), StringComparison.Ordinal);

        await _events.CloudFormation.PublishAsync(stack.TopicArn, request);

        var dead = await _events.ReceiveContainingAsync("onboarding-events-dlq", requestId);
        Assert.StartsWith("untrusted", dead.MessageAttributes["FailureReason"].StringValue);
        Assert.Equal("Templated", (await _events.ViewAsync(account)).GetProperty("state").GetString());
        Assert.Null(await _events.CloudFormation.TryReadAnswerAsync(answerKey));
    }

    private static string AccountIn(JsonObject request) => ((string)request["StackId"]!).Split(':')[4];
}

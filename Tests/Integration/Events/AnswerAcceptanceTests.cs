using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Onboarding.CustomerSimulation.CloudFormation;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Integration.Events;

/// <summary>
/// CloudFormation hears before anyone else does: a customer is Active only once the SUCCESS answer to its
/// stack's Create was accepted on the ResponseURL within the request's ServiceTimeout, and the customer's
/// grain never waits on that URL.
/// </summary>
public sealed class AnswerAcceptanceTests(GatedAnswersService service) : IClassFixture<GatedAnswersService>
{
    private static readonly TimeSpan Patience = Eventually.DefaultTimeout;
    private readonly StackEvents _events = new(service);

    private static string IdOf(CloudFormationSimulator.PendingRequest request) => request.Request["RequestId"]!.GetValue<string>();

    [Fact]
    public async Task While_the_answer_is_held_reads_are_answered_and_the_customer_is_Activating_then_Active_once_it_is_accepted()
    {
        var (account, stack, _) = await _events.StartAndLaunchAsync();
        var create = await _events.CloudFormation.NewRequestAsync(stack, "Create", physicalResourceId: null);
        service.Gate.Hold(IdOf(create));
        await _events.CloudFormation.PublishAsync(stack.TopicArn, create.Request);
        await service.Gate.Arrived(IdOf(create)).WaitAsync(Patience);

        // The PUT is held: the customer's grain still answers (no call waits for CloudFormation).
        var held = await _events.ViewAsync(account).WaitAsync(Patience);
        Assert.Equal("Activating", held.GetProperty("state").GetString());
        Assert.False(held.GetProperty("roleUsable").GetBoolean());
        Assert.Equal(stack.RoleArn(), held.GetProperty("roleArn").GetString());
        Assert.Null(await _events.CloudFormation.TryReadAnswerAsync(create.AnswerKey));

        service.Gate.Release(IdOf(create));
        var answer = await _events.CloudFormation.AnswerAsync(create.AnswerKey).WaitAsync(Patience);
        Assert.Equal("SUCCESS", answer.GetProperty("Status").GetString());
        await Eventually.TrueAsync(async () => (await _events.ViewAsync(account)).GetProperty("state").GetString() == "Active", "the customer to be Active");
        var active = await _events.ViewAsync(account);
        Assert.True(active.GetProperty("roleUsable").GetBoolean());
        Assert.Equal(["StackCreated", "AnswerAccepted"], active.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("trigger").GetString()).TakeLast(2));
    }

    [Fact]
    public async Task An_answer_never_accepted_within_the_ServiceTimeout_returns_the_customer_to_Templated_and_a_late_redelivery_does_not_activate()
    {
        var (account, stack, templateUrl) = await _events.StartAndLaunchAsync();
        // A template whose custom resource waits 2 s; its ResponseURL names a bucket that does not exist (HTTP 404).
        stack.Properties["ServiceTimeout"] = "2";
        var create = await _events.CloudFormation.NewRequestAsync(stack, "Create", physicalResourceId: null);
        var workingUrl = create.Request["ResponseURL"]!.GetValue<string>();
        create.Request["ResponseURL"] = workingUrl.Replace($"/{S3ResponseEndpoint.DefaultBucket}/", "/no-such-bucket/", StringComparison.Ordinal);
        await _events.CloudFormation.PublishAsync(stack.TopicArn, create.Request);

        var templated = await Eventually.ValueAsync(async () =>
        {
            var view = await _events.ViewAsync(account);
            return view.GetProperty("history").EnumerateArray().Any(h => h.GetProperty("trigger").GetString() == "AnswerNotAccepted") ? view : (JsonElement?)null;
        }, "the customer to fall back to Templated");

        Assert.Equal("Templated", templated.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, templated.GetProperty("roleArn").ValueKind);
        Assert.False(templated.GetProperty("roleUsable").GetBoolean());
        var fallBack = templated.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("Activating", fallBack.GetProperty("from").GetString());
        Assert.Contains("ServiceTimeout", fallBack.GetProperty("reason").GetString());
        // The template stays until a stack is Active: the customer can launch again.
        using (var http = new HttpClient()) Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(templateUrl)).StatusCode);

        // A late redelivery of the same request is answered the same way, and activates nothing.
        create.Request["ResponseURL"] = workingUrl;
        await _events.CloudFormation.PublishAsync(stack.TopicArn, create.Request);
        Assert.Equal("SUCCESS", (await _events.CloudFormation.AnswerAsync(create.AnswerKey).WaitAsync(Patience)).GetProperty("Status").GetString());
        Assert.Equal("Templated", (await _events.ViewAsync(account)).GetProperty("state").GetString());

        // The customer's next stack activates as usual.
        var relaunched = stack with { StackId = stack.StackId.Replace(stack.StackId[^36..], Guid.NewGuid().ToString(), StringComparison.Ordinal) };
        relaunched.Properties["ServiceTimeout"] = "300";
        await _events.CreateAsync(relaunched);
    }

    [Fact]
    public async Task A_redelivery_within_the_window_sends_the_recorded_answer_again_and_completes_the_activation()
    {
        var (account, stack, _) = await _events.StartAndLaunchAsync();
        var lateBucket = "late-" + Guid.NewGuid().ToString("N")[..12];
        var create = await _events.CloudFormation.NewRequestAsync(stack, "Create", physicalResourceId: null);
        create.Request["ResponseURL"] = create.Request["ResponseURL"]!.GetValue<string>()
            .Replace($"/{S3ResponseEndpoint.DefaultBucket}/", $"/{lateBucket}/", StringComparison.Ordinal);
        await _events.CloudFormation.PublishAsync(stack.TopicArn, create.Request);

        // The first delivery fails (no such bucket yet): the customer waits, Activating.
        await Eventually.TrueAsync(
            () => service.Logs.Lines.Any(l => l.Level >= LogLevel.Warning && l.Message.Contains(IdOf(create), StringComparison.Ordinal) && l.Message.Contains("NOT delivered", StringComparison.Ordinal)),
            "the first delivery to fail");
        Assert.Equal("Activating", (await _events.ViewAsync(account)).GetProperty("state").GetString());

        // CloudFormation's bucket answers now: the redelivered message carries the same answer there.
        using var s3 = StandInClients.S3(service.Aws);
        await s3.PutBucketAsync(lateBucket);
        var answer = await new S3ResponseEndpoint(s3, lateBucket).AnswerAsync(create.AnswerKey, CancellationToken.None).WaitAsync(Patience);
        Assert.Equal("SUCCESS", answer.GetProperty("Status").GetString());
        await Eventually.TrueAsync(async () => (await _events.ViewAsync(account)).GetProperty("state").GetString() == "Active", "the customer to be Active");
        var history = (await _events.ViewAsync(account)).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("trigger").GetString()).ToList();
        Assert.Single(history, t => t == "StackCreated");
        Assert.Single(history, t => t == "AnswerAccepted");
    }

    [Fact]
    public async Task Off_boarding_an_Activating_customer_keeps_it_on_its_topic_for_the_stack_s_delete()
    {
        var (account, stack, _) = await _events.StartAndLaunchAsync();
        var create = await _events.CloudFormation.NewRequestAsync(stack, "Create", physicalResourceId: null);
        service.Gate.Hold(IdOf(create));
        await _events.CloudFormation.PublishAsync(stack.TopicArn, create.Request);
        await service.Gate.Arrived(IdOf(create)).WaitAsync(Patience);

        var removed = await service.Client.DeleteAsync($"/customers/{account}");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("Removed", (await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());

        // The held answer lands after the off-boarding: nothing activates, and the stack can still be deleted.
        service.Gate.Release(IdOf(create));
        var answer = await _events.CloudFormation.AnswerAsync(create.AnswerKey).WaitAsync(Patience);
        Assert.Equal("Removed", (await _events.ViewAsync(account)).GetProperty("state").GetString());
        Assert.Contains(account, await _events.TopicAccountsAsync(stack.TopicArn));
        var delete = await _events.CloudFormation.SendAsync(stack, "Delete", answer.GetProperty("PhysicalResourceId").GetString());
        Assert.Equal("SUCCESS", delete.GetProperty("Status").GetString());
        await Eventually.TrueAsync(async () => !(await _events.TopicAccountsAsync(stack.TopicArn)).Contains(account), "the account to leave its topic");
    }
}

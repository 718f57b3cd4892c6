using System.Net.Http.Json;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Grains.Whitelist;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Integration.Events;

/// <summary>Shared moves of the event tests: onboard a customer, launch its stack, watch queues.</summary>
public sealed class StackEvents(OnboardingService service)
{
    public CloudFormationStandIn CloudFormation { get; } = new(service.Aws, service.Silo.Services.GetRequiredService<ISnsClient>());

    /// <summary>Starts an onboarding through the API, opens its launch link and "launches" the template it leads to.</summary>
    public async Task<(string Account, LaunchedStack Stack, Uri TemplateUrl)> StartAndLaunchAsync(string region = "us-east-1")
    {
        var account = TestAccounts.Next();
        var response = await service.Client.PostAsJsonAsync("/customers", new { accountId = account, region });
        response.EnsureSuccessStatusCode();
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        var templateUrl = await service.TemplateUrlAsync(new Uri(view.GetProperty("launchUrl").GetString()!));
        using var http = new HttpClient();
        var template = await http.GetStringAsync(templateUrl);
        return (account, LaunchedStack.FromTemplate(template, account, region), templateUrl);
    }

    /// <summary>
    /// Sends the stack's Create and waits until the customer is Active: CloudFormation holds the SUCCESS
    /// a moment before the service has recorded that it was accepted.
    /// </summary>
    public async Task<JsonElement> CreateAsync(LaunchedStack stack)
    {
        var answer = await CloudFormation.SendAsync(stack, "Create");
        Assert.Equal("SUCCESS", answer.GetProperty("Status").GetString());
        await Eventually.TrueAsync(async () => (await ViewAsync(stack.AccountId)).GetProperty("state").GetString() == "Active",
            $"account {stack.AccountId} to be Active");
        return answer;
    }

    /// <summary>Fails unless <paramref name="account"/> is absent from <paramref name="topicArn"/>'s access policy.</summary>
    public async Task AssertNotOnTopicAsync(string account, string topicArn) =>
        Assert.DoesNotContain(account, await TopicAccountsAsync(topicArn));

    /// <summary>The customer accounts <paramref name="topicArn"/>'s access policy lets publish.</summary>
    public async Task<IReadOnlyCollection<string>> TopicAccountsAsync(string topicArn)
    {
        var policy = (await service.Silo.Services.GetRequiredService<ISnsClient>().GetTopicAttributesAsync(topicArn)).GetValueOrDefault("Policy");
        return [.. TopicPolicyDocument.Parse(policy, topicArn).CustomerAccounts];
    }

    public Task<JsonElement> ViewAsync(string account) => service.Client.GetFromJsonAsync<JsonElement>($"/customers/{account}");

    /// <summary>Receives from a queue until a message whose body contains <paramref name="marker"/> shows up.</summary>
    public async Task<Message> ReceiveContainingAsync(string queueName, string marker, TimeSpan? timeout = null)
    {
        using var sqs = StandInClients.Sqs(service.Aws);
        var url = (await sqs.GetQueueUrlAsync(queueName)).QueueUrl;
        return await Eventually.ValueAsync(async () =>
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = url,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 1,
                MessageAttributeNames = ["All"],
            });
            Message? found = null;
            foreach (var message in received.Messages ?? [])
            {
                if (found is null && message.Body.Contains(marker, StringComparison.Ordinal)) found = message;
                // Someone else's: let it reappear for its own test.
                else await sqs.ChangeMessageVisibilityAsync(url, message.ReceiptHandle, 0);
            }
            return found;
        }, $"a message containing '{marker}' on {queueName}", timeout);
    }

    /// <summary>A queue subscribed to the partner notifications topic, created once per fixture.</summary>
    public static async Task<string> SubscribeToNotificationsAsync(OnboardingService service)
    {
        var sns = service.Silo.Services.GetRequiredService<ISnsClient>();
        using var sqs = StandInClients.Sqs(service.Aws);
        var name = "partner-" + Guid.NewGuid().ToString("N")[..8];
        var url = (await sqs.CreateQueueAsync(name)).QueueUrl;
        var arn = (await sqs.GetQueueAttributesAsync(url, ["QueueArn"])).QueueARN;
        var topicArn = await sns.CreateTopicAsync("us-east-1", "onboarding-notifications");
        await sns.SubscribeAsync(topicArn, "sqs", arn, new Dictionary<string, string> { ["RawMessageDelivery"] = "true" });
        return name;
    }
}

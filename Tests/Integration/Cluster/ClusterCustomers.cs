using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.SQS.Model;
using Onboarding.Customers;
using Onboarding.Grains.Whitelist;
using Onboarding.Tests.Infrastructure;
using Onboarding.Whitelist;

namespace Onboarding.Tests.Integration.Cluster;

/// <summary>What the fault suite's cases do with customers of the cluster and check afterwards.</summary>
public sealed class ClusterCustomers(SiloClusterService cluster)
{
    public const string Region = "us-east-1";

    /// <summary>
    /// Starts onboardings until one lands on silo <paramref name="index"/> (placement is random); returns its account.
    /// Each start can take seconds on a loaded machine, hence the long wait.
    /// </summary>
    public Task<string> OnboardOnAsync(int index) =>
        Eventually.ValueAsync(async () =>
        {
            var account = TestAccounts.Next();
            using var response = await cluster.PartnerClient.PostAsJsonAsync("/customers", new { accountId = account, region = Region });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var host = await cluster.HostOfAsync(cluster.ClusterClient.GetGrain<ICustomerGrain>(account));
            return cluster.IsSilo(host, index) ? account : null;
        }, $"a customer placed on silo {index}", TimeSpan.FromMinutes(2));

    public Task<JsonElement> ViewAsync(string account) => cluster.PartnerClient.GetFromJsonAsync<JsonElement>($"/customers/{account}");

    public async Task<string?> StateAsync(string account) => (await ViewAsync(account)).GetProperty("state").GetString();

    /// <summary>Opens the customer's launch link, sends the stack's Create and waits until the customer is Active.</summary>
    public async Task LaunchAndActivateAsync(string account)
    {
        var templateUrl = await cluster.TemplateUrlAsync(new Uri((await ViewAsync(account)).GetProperty("launchUrl").GetString()!));
        using var http = new HttpClient();
        var stack = LaunchedStack.FromTemplate(await http.GetStringAsync(templateUrl), account, Region);
        var answer = await cluster.CloudFormation.SendAsync(stack, "Create");
        Assert.Equal("SUCCESS", answer.GetProperty("Status").GetString());
        await Eventually.TrueAsync(async () => await StateAsync(account) == "Active", $"account {account} to be Active");
    }

    /// <summary>
    /// Each account's number of places on the region's topic policies: every topic the region opened, each
    /// account counted once per Principal entry naming it (so a duplicate within one policy counts too).
    /// </summary>
    public async Task<Dictionary<string, int>> TopicPlacesAsync()
    {
        var places = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var topicArn in await cluster.ClusterClient.GetGrain<IRegionTopicsGrain>(Region).GetTopics())
        {
            var policy = (await cluster.Sns.GetTopicAttributesAsync(topicArn)).GetValueOrDefault("Policy");
            foreach (var account in TopicPolicyDocument.Parse(policy, topicArn).CustomerAccounts)
                places[account] = places.GetValueOrDefault(account) + CountOf($"::{account}:root", policy!);
        }
        return places;
    }

    /// <summary>Fails unless each of <paramref name="accounts"/> is on exactly one topic policy, once.</summary>
    public async Task AssertEachOnExactlyOneTopicAsync(IReadOnlyCollection<string> accounts)
    {
        var places = await TopicPlacesAsync();
        var wrong = accounts.Where(a => places.GetValueOrDefault(a) != 1).Select(a => $"{a}: {places.GetValueOrDefault(a)}").ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} accounts not on exactly one topic policy once: {string.Join(", ", wrong.Take(20))}");
    }

    /// <summary>Fails unless each customer's history records one activation (one move into Active), and it is Active now.</summary>
    public async Task AssertActivatedOnceAsync(IReadOnlyCollection<string> accounts)
    {
        var wrong = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (account, _) =>
        {
            // CloudFormation holds the SUCCESS a moment before the service records that it was accepted.
            await Eventually.TrueAsync(async () => await StateAsync(account) == "Active", $"account {account} to be Active", TimeSpan.FromMinutes(2));
            var history = await cluster.PartnerClient.GetFromJsonAsync<JsonElement>($"/customers/{account}/history");
            var activations = history.EnumerateArray().Count(e => e.GetProperty("to").GetString() == "Active" && e.GetProperty("from").GetString() != "Active");
            if (activations != 1) wrong.Add($"{account}: {activations}");
        });
        Assert.True(wrong.IsEmpty, $"customers not activated exactly once: {string.Join(", ", wrong.Take(20))}");
    }

    /// <summary>One partner notification as received: its type, account and eventId.</summary>
    public sealed record Notification(string Type, string AccountId, string EventId, DateTimeOffset OccurredAt);

    /// <summary>Receives (and deletes) the partner notifications on <paramref name="queueUrl"/> until <paramref name="enough"/> holds for all received so far.</summary>
    public async Task<IReadOnlyList<Notification>> ReceiveNotificationsAsync(string queueUrl, Func<IReadOnlyList<Notification>, bool> enough, string what, TimeSpan timeout)
    {
        using var sqs = StandInClients.Sqs(cluster.Aws);
        var received = new List<Notification>();
        await Eventually.TrueAsync(async () =>
        {
            while (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 }) is { Messages.Count: > 0 } batch)
            {
                foreach (var message in batch.Messages)
                {
                    var body = JsonDocument.Parse(message.Body).RootElement;
                    received.Add(new(body.GetProperty("type").GetString()!, body.GetProperty("accountId").GetString()!,
                        body.GetProperty("eventId").GetString()!, body.GetProperty("occurredAt").GetDateTimeOffset()));
                }
                await sqs.DeleteMessageBatchAsync(queueUrl, [.. batch.Messages.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(), m.ReceiptHandle))]);
            }
            return enough(received);
        }, what, timeout);
        return received;
    }

    private static int CountOf(string part, string text)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}

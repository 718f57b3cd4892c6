using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Events;

namespace Onboarding.Tests.Integration.Outages;

/// <summary>
/// DynamoDB or fauxqs (SNS, SQS, S3) frozen with SIGSTOP, as an unreachable AWS service looks: requests are
/// answered 503 dependency-unavailable with Retry-After, and after SIGCONT everything goes on, nothing lost.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class DependencyOutageTests(OutageService service)
{
    [Fact]
    public async Task While_dynamodb_is_paused_starts_and_reads_are_503_and_afterwards_every_request_succeeds_and_nothing_is_lost()
    {
        var before = TestAccounts.Next();
        var started = await StartAsync(before);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var externalId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("externalId").GetString();
        var during = TestAccounts.Next();

        await service.Aws.PauseDynamoDbAsync();
        try
        {
            await AssertUnavailableAsync(await StartAsync(during), "dynamodb");
            await AssertUnavailableAsync(await service.PartnerClient.GetAsync($"/customers/{during}"), "dynamodb");
        }
        finally
        {
            await service.Aws.ResumeDynamoDbAsync();
        }

        var retried = await StartAsync(during);
        Assert.True(retried.IsSuccessStatusCode, $"the retried start answered {retried.StatusCode}");
        Assert.Equal("Templated", (await ViewAsync(during)).GetProperty("state").GetString());
        var kept = await ViewAsync(before);
        Assert.Equal("Templated", kept.GetProperty("state").GetString());
        Assert.Equal(externalId, kept.GetProperty("externalId").GetString());
    }

    [Fact]
    public async Task A_start_while_sns_and_s3_are_paused_is_503_and_the_same_start_completes_afterwards()
    {
        var account = TestAccounts.Next();

        await service.Aws.PauseFauxqsAsync();
        try
        {
            await AssertUnavailableAsync(await StartAsync(account), "sns");
        }
        finally
        {
            await service.Aws.ResumeFauxqsAsync();
        }

        var retried = await StartAsync(account);
        Assert.True(retried.IsSuccessStatusCode, $"the retried start answered {retried.StatusCode}");
        var view = await ViewAsync(account);
        Assert.Equal("Templated", view.GetProperty("state").GetString());
        // The launch link's template is really there, made for this onboarding.
        using var http = new HttpClient();
        var template = await http.GetStringAsync(await service.TemplateUrlAsync(new Uri(view.GetProperty("launchUrl").GetString()!)));
        Assert.Contains(view.GetProperty("externalId").GetString()!, template);
    }

    [Fact]
    public async Task A_stack_event_delivered_while_dynamodb_is_paused_is_held_not_dead_lettered_and_processed_after_it()
    {
        var events = new StackEvents(service);
        var (account, stack, _) = await events.StartAndLaunchAsync();
        var (request, answerKey) = await events.CloudFormation.NewRequestAsync(stack, "Create", physicalResourceId: null);
        var failedBefore = FailedAttempts();

        await service.Aws.PauseDynamoDbAsync();
        try
        {
            await events.CloudFormation.PublishAsync(stack.TopicArn, request);
            // More failed attempts than the queue allows receives (one): each one spent on a receive would
            // have dead-lettered the message.
            await Eventually.TrueAsync(() => FailedAttempts() - failedBefore >= 2, "two failed attempts at the message during the outage", TimeSpan.FromSeconds(90));
        }
        finally
        {
            await service.Aws.ResumeDynamoDbAsync();
        }

        var answer = await events.CloudFormation.AnswerAsync(answerKey);
        Assert.Equal("SUCCESS", answer.GetProperty("Status").GetString());
        Assert.Equal("Active", (await events.ViewAsync(account)).GetProperty("state").GetString());
        Assert.Equal(0, await DeadLetteredCountAsync());
    }

    /// <summary>The poller's warnings about a message that failed: held for an outage, or returned to the queue.</summary>
    private int FailedAttempts() => service.Logs.Lines.Count(l =>
        l.Category == typeof(Silo.Events.EventQueuePoller).FullName && l.Level == LogLevel.Warning
        && (l.Message.Contains(" is held", StringComparison.Ordinal) || l.Message.StartsWith("Processing message", StringComparison.Ordinal)));

    private async Task<int> DeadLetteredCountAsync()
    {
        using var sqs = StandInClients.Sqs(service.Aws);
        var url = (await sqs.GetQueueUrlAsync("onboarding-events-dlq")).QueueUrl;
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = url,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        });
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    private Task<HttpResponseMessage> StartAsync(string account) =>
        service.PartnerClient.PostAsJsonAsync("/customers", new { accountId = account });

    private Task<JsonElement> ViewAsync(string account) =>
        service.PartnerClient.GetFromJsonAsync<JsonElement>($"/customers/{account}");

    private static async Task AssertUnavailableAsync(HttpResponseMessage response, string dependency)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"expected 503, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("https://onboarding.example/problems/dependency-unavailable", problem.GetProperty("type").GetString());
        Assert.Equal(dependency, problem.GetProperty("dependency").GetString());
        Assert.Contains(dependency, problem.GetProperty("detail").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "no Retry-After in seconds");
        // Names the dependency and nothing of the failure itself (no exception text, no endpoints).
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("127.0.0.1", body);
    }
}

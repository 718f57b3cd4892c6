using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Onboarding.Silo.Configuration;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Deployment;
using System.Text.Json.Nodes;

namespace Onboarding.Tests.Integration.Deployment;

/// <summary>
/// deploy/onboarding.yaml defines what the service's provisioner creates locally (Silo/Provisioning): both are run,
/// the provisioner on the stand-ins, and what it created is compared with the template's definitions. A change to
/// either (a key, an index, the redrive, a name) fails here until the other follows.
/// </summary>
[Collection(LocalAwsCollection.Name)]
public sealed class TemplateDriftTests(LocalAwsStandIns aws) : IAsyncLifetime
{
    private const string Account = "111122223333";
    private const string Region = "us-east-1";

    // A name of its own: the stand-ins are shared with other tests of the collection.
    private readonly DeployedStack _stack = DeploymentTemplate.Load().Deploy(Account, Region,
        new Dictionary<string, string> { ["ServiceName"] = "drift-" + Guid.NewGuid().ToString("N")[..8] });

    private ResourceOptions _resources = null!;

    public async Task InitializeAsync() => _resources = await TemplateResources.CreateAsync(aws, _stack);

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("GrainStateTable")]
    [InlineData("RemindersTable")]
    public async Task The_template_defines_the_table_the_provisioner_creates(string logicalId)
    {
        using var dynamoDb = StandInClients.DynamoDb(aws);
        var created = (await dynamoDb.DescribeTableAsync(_stack.PhysicalName(logicalId))).Table;
        var defined = _stack.Resolve(_stack.Template.Properties(logicalId))!;

        Assert.Equal("PAY_PER_REQUEST", (string?)defined["BillingMode"]);
        if (created.BillingModeSummary is { } billing) Assert.Equal(BillingMode.PAY_PER_REQUEST, billing.BillingMode);
        Assert.Equal(
            created.AttributeDefinitions.Select(a => $"{a.AttributeName}:{a.AttributeType.Value}").Order(),
            defined["AttributeDefinitions"]!.AsArray().Select(a => $"{a!["AttributeName"]}:{a["AttributeType"]}").Order());
        Assert.Equal(Keys(created.KeySchema), Keys(defined["KeySchema"]));
        Assert.Equal(
            (created.GlobalSecondaryIndexes ?? []).Select(i => $"{i.IndexName} {Keys(i.KeySchema)} {i.Projection.ProjectionType.Value}").Order(),
            (defined["GlobalSecondaryIndexes"]?.AsArray() ?? []).Select(i => $"{i!["IndexName"]} {Keys(i["KeySchema"])} {i["Projection"]!["ProjectionType"]}").Order());
    }

    [Fact]
    public async Task The_template_defines_the_queues_and_redrive_the_provisioner_creates()
    {
        using var sqs = StandInClients.Sqs(aws);
        var events = (await sqs.GetQueueUrlAsync(_stack.PhysicalName("EventsQueue"))).QueueUrl;
        var deadLetter = (await sqs.GetQueueUrlAsync(_stack.PhysicalName("EventsDeadLetterQueue"))).QueueUrl;
        var deadLetterArn = (await sqs.GetQueueAttributesAsync(deadLetter, ["QueueArn"])).QueueARN;
        var created = JsonNode.Parse((await sqs.GetQueueAttributesAsync(events, ["RedrivePolicy"])).Attributes["RedrivePolicy"])!;
        var defined = _stack.Resolve(_stack.Template.Properties("EventsQueue")["RedrivePolicy"])!;

        // The stand-in's ARNs name its own account: the queue is compared by name.
        Assert.Equal(deadLetterArn, (string?)created["deadLetterTargetArn"]);
        Assert.EndsWith(":" + _stack.PhysicalName("EventsDeadLetterQueue"), (string?)defined["deadLetterTargetArn"]);
        Assert.Equal(created["maxReceiveCount"]!.ToString(), (string?)defined["maxReceiveCount"]);
        Assert.Equal(_resources.EventsMaxReceiveCount.ToString(), (string?)defined["maxReceiveCount"]);
    }

    [Fact]
    public async Task The_template_defines_the_notifications_topic_and_bucket_the_provisioner_creates()
    {
        using var sqs = StandInClients.Sqs(aws);
        var queueArn = (await sqs.GetQueueAttributesAsync((await sqs.GetQueueUrlAsync(_stack.PhysicalName("EventsQueue"))).QueueUrl, ["QueueArn"])).QueueARN;
        // In the queues' account, as on AWS (the stand-in's own).
        var topicArn = $"arn:aws:sns:{Region}:{queueArn.Split(':')[4]}:{_stack.PhysicalName("NotificationsTopic")}";
        Assert.NotNull(await aws.AccountSns.For(Account).GetTopicAttributesAsync(topicArn));
        using var s3 = StandInClients.S3(aws);
        Assert.Contains(_stack.PhysicalName("TemplateBucket"), (await s3.ListBucketsAsync()).Buckets!.Select(b => b.BucketName));
    }

    private static string Keys(IEnumerable<KeySchemaElement> keys) => string.Join(",", keys.Select(k => $"{k.AttributeName}:{k.KeyType.Value}"));

    private static string Keys(JsonNode? keys) => string.Join(",", keys!.AsArray().Select(k => $"{k!["AttributeName"]}:{k["KeyType"]}"));
}

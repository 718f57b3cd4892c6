using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Util;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Silo.Configuration;
using Onboarding.Silo.Reminders;
using Onboarding.Silo.Storage;

namespace Onboarding.Silo.Provisioning;

/// <summary>
/// Creates the service's AWS resources when they are missing: tables, template bucket, events queue
/// with its dead-letter queue, partner notifications topic. Idempotent: what exists is left as it is,
/// except a drifted redrive policy, which is set back. Event topics are opened on demand per region.
/// </summary>
public sealed partial class ResourceProvisioner(
    IAmazonDynamoDB dynamoDb,
    IAmazonS3 s3,
    IAmazonSQS sqs,
    ISnsClient sns,
    IOptions<ResourceOptions> resourceOptions,
    IOptions<AwsOptions> awsOptions,
    ILogger<ResourceProvisioner> logger)
{
    private const string RedrivePolicyAttribute = "RedrivePolicy";

    private ResourceOptions Resources => resourceOptions.Value;

    public async Task ProvisionAsync(CancellationToken cancellationToken)
    {
        await DynamoDbGrainStorageTable.EnsureCreatedAsync(dynamoDb, Resources.GrainStateTable, cancellationToken);
        if (await DynamoDbGrainStorageTable.StateIndexProjectsAllAsync(dynamoDb, Resources.GrainStateTable, cancellationToken))
            LogStateIndexProjectsAll(Resources.GrainStateTable, DynamoDbGrainStorageTable.StateIndexName);
        await DynamoDbReminderTableSchema.EnsureCreatedAsync(dynamoDb, Resources.RemindersTable, cancellationToken);
        await EnsureBucketAsync(cancellationToken);
        await EnsureQueuesAsync(cancellationToken);
        await sns.CreateTopicAsync(awsOptions.Value.Region, Resources.NotificationsTopic, cancellationToken);
        LogProvisioned(Resources.GrainStateTable, Resources.TemplateBucket, Resources.EventsQueue, Resources.NotificationsTopic);
    }

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (await AmazonS3Util.DoesS3BucketExistV2Async(s3, Resources.TemplateBucket)) return;
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = Resources.TemplateBucket }, cancellationToken);
        LogCreated("bucket", Resources.TemplateBucket);
    }

    private async Task EnsureQueuesAsync(CancellationToken cancellationToken)
    {
        var deadLetterUrl = await EnsureQueueAsync(Resources.EventsDeadLetterQueue, cancellationToken);
        var deadLetterArn = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = deadLetterUrl,
            AttributeNames = [QueueAttributeName.QueueArn],
        }, cancellationToken)).QueueARN;

        var eventsUrl = await EnsureQueueAsync(Resources.EventsQueue, cancellationToken);
        var wanted = new JsonObject
        {
            ["deadLetterTargetArn"] = deadLetterArn,
            ["maxReceiveCount"] = Resources.EventsMaxReceiveCount,
        };
        var current = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = eventsUrl,
            AttributeNames = [RedrivePolicyAttribute],
        }, cancellationToken)).Attributes?.GetValueOrDefault(RedrivePolicyAttribute);
        if (current is not null && RedriveEquals(JsonNode.Parse(current), wanted)) return;

        await sqs.SetQueueAttributesAsync(new SetQueueAttributesRequest
        {
            QueueUrl = eventsUrl,
            Attributes = new Dictionary<string, string> { [RedrivePolicyAttribute] = wanted.ToJsonString() },
        }, cancellationToken);
        LogCreated("redrive policy", Resources.EventsQueue);
    }

    /// <summary>AWS returns maxReceiveCount as a number or a string depending on how it was set.</summary>
    private static bool RedriveEquals(JsonNode? current, JsonObject wanted) =>
        current is JsonObject policy &&
        (string?)policy["deadLetterTargetArn"] == (string?)wanted["deadLetterTargetArn"] &&
        policy["maxReceiveCount"]?.ToString() == wanted["maxReceiveCount"]!.ToString();

    private async Task<string> EnsureQueueAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await sqs.GetQueueUrlAsync(name, cancellationToken)).QueueUrl;
        }
        catch (QueueDoesNotExistException)
        {
            var url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name }, cancellationToken)).QueueUrl;
            LogCreated("queue", name);
            return url;
        }
    }

    [LoggerMessage(LogLevel.Information, "Created {Kind} {Name}")]
    private partial void LogCreated(string kind, string name);

    [LoggerMessage(LogLevel.Warning, "Table {Table} was created with an older {Index} index that copies whole items (external ids and onboarding tokens included) and is written on every change: rebuild it as docs/benchmarks.md describes")]
    private partial void LogStateIndexProjectsAll(string table, string index);

    [LoggerMessage(LogLevel.Information, "Resources ready: table {Table}, bucket {Bucket}, queue {Queue}, notifications topic {Topic}")]
    private partial void LogProvisioned(string table, string bucket, string queue, string topic);
}

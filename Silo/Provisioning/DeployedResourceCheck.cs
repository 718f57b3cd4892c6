using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Silo.Configuration;
using Onboarding.Silo.Storage;

namespace Onboarding.Silo.Provisioning;

/// <summary>
/// With provisioning off (production, where deploy/onboarding.yaml creates the resources): checks at start-up that
/// every configured resource exists and answers the service's own credentials, so that a missing or unreachable
/// piece stops the silo with one line naming its setting, not a stack trace at the first request that needs it.
/// The lines name settings, resources and error codes only: never an ARN, an account id or AWS's message text.
/// </summary>
public sealed partial class DeployedResourceCheck(
    IAmazonDynamoDB dynamoDb,
    IAmazonS3 s3,
    IAmazonSQS sqs,
    ISnsClient sns,
    IOptions<ResourceOptions> resourceOptions,
    IOptions<AwsOptions> awsOptions,
    ILogger<DeployedResourceCheck> logger)
{
    private const string Section = ResourceOptions.SectionName;
    private const string RedrivePolicyAttribute = "RedrivePolicy";

    private ResourceOptions Resources => resourceOptions.Value;
    private string Region => awsOptions.Value.Region;

    /// <summary>Throws a <see cref="ConfigurationException"/> with one line per missing or unreachable resource.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var problems = await ProblemsAsync(cancellationToken);
        if (problems.Count > 0) throw new ConfigurationException(problems);
        LogAllPresent(Resources.GrainStateTable, Resources.RemindersTable, Resources.TemplateBucket, Resources.EventsQueue, Resources.NotificationsTopic);
    }

    /// <summary>Every problem found, one line each; empty when everything is there.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(CancellationToken cancellationToken)
    {
        var checks = await Task.WhenAll(
            Problems(nameof(ResourceOptions.GrainStateTable), Resources.GrainStateTable, "dynamodb:DescribeTable",
                () => CheckTableAsync(nameof(ResourceOptions.GrainStateTable), Resources.GrainStateTable, DynamoDbGrainStorageTable.StateIndexName, cancellationToken)),
            Problems(nameof(ResourceOptions.RemindersTable), Resources.RemindersTable, "dynamodb:DescribeTable",
                () => CheckTableAsync(nameof(ResourceOptions.RemindersTable), Resources.RemindersTable, requiredIndex: null, cancellationToken)),
            Problems(nameof(ResourceOptions.TemplateBucket), Resources.TemplateBucket, "s3:ListBucket",
                () => CheckBucketAsync(cancellationToken)),
            QueueAndTopicProblemsAsync(cancellationToken));
        return [.. checks.SelectMany(lines => lines)];
    }

    private async Task<IEnumerable<string>> CheckTableAsync(string setting, string table, string? requiredIndex, CancellationToken cancellationToken)
    {
        var description = (await dynamoDb.DescribeTableAsync(table, cancellationToken)).Table;
        if (requiredIndex is null || (description.GlobalSecondaryIndexes ?? []).Any(i => i.IndexName == requiredIndex)) return [];
        return [$"{Section}:{setting}: the DynamoDB table '{table}' has no index '{requiredIndex}' (deploy/onboarding.yaml defines it)."];
    }

    private async Task<IEnumerable<string>> CheckBucketAsync(CancellationToken cancellationToken)
    {
        await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Resources.TemplateBucket, MaxKeys = 1 }, cancellationToken);
        return [];
    }

    // The topic's ARN is in the queues' account and partition: the queue's ARN says which, without another call.
    private async Task<IEnumerable<string>> QueueAndTopicProblemsAsync(CancellationToken cancellationToken)
    {
        string? deadLetterArn = null;
        var problems = (await Problems(nameof(ResourceOptions.EventsDeadLetterQueue), Resources.EventsDeadLetterQueue, "sqs:GetQueueAttributes", async () =>
        {
            deadLetterArn = (await QueueAttributesAsync(Resources.EventsDeadLetterQueue, [QueueAttributeName.QueueArn], cancellationToken)).QueueARN;
            return [];
        })).ToList();

        string? eventsArn = null;
        problems.AddRange(await Problems(nameof(ResourceOptions.EventsQueue), Resources.EventsQueue, "sqs:GetQueueAttributes", async () =>
        {
            var attributes = await QueueAttributesAsync(Resources.EventsQueue, [QueueAttributeName.QueueArn, RedrivePolicyAttribute], cancellationToken);
            eventsArn = attributes.QueueARN;
            var redrive = attributes.Attributes?.GetValueOrDefault(RedrivePolicyAttribute);
            var target = redrive is null ? null : (string?)JsonNode.Parse(redrive)?["deadLetterTargetArn"];
            return deadLetterArn is null || target == deadLetterArn
                ? []
                : [$"{Section}:EventsQueue: the queue '{Resources.EventsQueue}' does not redrive to {Section}:EventsDeadLetterQueue '{Resources.EventsDeadLetterQueue}' (deploy/onboarding.yaml sets its RedrivePolicy)."];
        }));

        if ((eventsArn ?? deadLetterArn)?.Split(':') is [_, var partition, _, _, var account, _])
        {
            var topicArn = $"arn:{partition}:sns:{Region}:{account}:{Resources.NotificationsTopic}";
            problems.AddRange(await Problems(nameof(ResourceOptions.NotificationsTopic), Resources.NotificationsTopic, "sns:GetTopicAttributes", async () =>
            {
                await sns.GetTopicAttributesAsync(topicArn, cancellationToken);
                return [];
            }));
        }
        return problems;
    }

    private async Task<GetQueueAttributesResponse> QueueAttributesAsync(string queue, List<string> attributes, CancellationToken cancellationToken)
    {
        var url = (await sqs.GetQueueUrlAsync(queue, cancellationToken)).QueueUrl;
        return await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = attributes }, cancellationToken);
    }

    /// <summary>Runs one check; a failure becomes one line naming the setting, the resource and the error code.</summary>
    private async Task<IEnumerable<string>> Problems(string setting, string name, string action, Func<Task<IEnumerable<string>>> check)
    {
        try
        {
            return await check();
        }
        catch (Exception exception) when (Missing(exception) is { } what)
        {
            return [$"{Section}:{setting}: there is no {what} '{name}' in {Region} (deploy/onboarding.yaml creates it; its outputs give this setting)."];
        }
        catch (Exception exception) when (ErrorCode(exception) is "AccessDenied" or "AccessDeniedException" or "AuthorizationError")
        {
            return [$"{Section}:{setting}: the service's credentials may not {action} on '{name}' ({ErrorCode(exception)}): deploy/onboarding.yaml's ServiceRole grants it."];
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return [$"{Section}:{setting}: '{name}' could not be checked ({ErrorCode(exception) ?? exception.GetType().Name})."];
        }
    }

    private static string? Missing(Exception exception) => exception switch
    {
        Amazon.DynamoDBv2.Model.ResourceNotFoundException => "DynamoDB table",
        AmazonS3Exception { ErrorCode: "NoSuchBucket" } => "S3 bucket",
        QueueDoesNotExistException => "SQS queue",
        SnsNotFoundException => "SNS topic",
        _ => null,
    };

    private static string? ErrorCode(Exception exception) => exception switch
    {
        AmazonServiceException service => service.ErrorCode,
        SnsException sns => sns.Code,
        _ => null,
    };

    [LoggerMessage(LogLevel.Information, "Resources checked: tables {GrainStateTable} and {RemindersTable}, bucket {Bucket}, queue {Queue} and its dead-letter queue, topic {Topic}")]
    private partial void LogAllPresent(string grainStateTable, string remindersTable, string bucket, string queue, string topic);
}

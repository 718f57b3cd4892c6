using System.Collections.Concurrent;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using Amazon.SQS.Model;

namespace Onboarding.Tests.Infrastructure.Deployment;

/// <summary>One AWS call as IAM sees it: the action and the ARN of the resource it acts on (in the deployed account).</summary>
public sealed record RecordedCall(string Action, string ResourceArn)
{
    /// <summary>The account that owns the resource (for S3 ARNs, which name none: the deployed account).</summary>
    public string ResourceAccount(string deployedAccount) =>
        ResourceArn.Split(':') is [_, _, _, _, var account, ..] && account.Length > 0 ? account : deployedAccount;

    public override string ToString() => $"{Action} on {ResourceArn}";
}

/// <summary>
/// Records every AWS call the service makes, as IAM action and resource ARN, where the calls leave the process: the
/// AWS SDK clients' own pipeline hook (<c>BeforeRequestEvent</c>, once per call, as the benchmark counts them) and
/// the SNS client (<see cref="RecordingSnsClient"/>). The stand-ins' ARNs (fauxqs says account 000000000000) are
/// re-homed to <see cref="Account"/> and <see cref="Region"/>, where the deployed template puts the resources.
/// </summary>
public sealed class AwsCallRecorder(string account, string region)
{
    private readonly ConcurrentQueue<RecordedCall> _calls = new();

    public string Account { get; } = account;
    public string Region { get; } = region;

    /// <summary>Every distinct call so far.</summary>
    public IReadOnlyList<RecordedCall> Calls => [.. _calls.Distinct().OrderBy(c => c.Action, StringComparer.Ordinal).ThenBy(c => c.ResourceArn, StringComparer.Ordinal)];

    public void Add(string action, string resourceArn) => _calls.Enqueue(new RecordedCall(action, resourceArn));

    /// <summary>Records the calls of an AWS SDK client from now on.</summary>
    public T Watch<T>(T client) where T : IAmazonService
    {
        if (client is not AmazonServiceClient serviceClient)
            throw new InvalidOperationException($"{client.GetType()} is not an AmazonServiceClient: its calls cannot be recorded.");
        serviceClient.BeforeRequestEvent += (_, e) =>
        {
            var request = (e as WebServiceRequestEventArgs)?.Request;
            foreach (var call in CallsOf(request)) _calls.Enqueue(call);
        };
        return client;
    }

    /// <summary>The topic's ARN in the deployed account (the stand-in's says its own).</summary>
    public string TopicArn(string standInTopicArn) => standInTopicArn.Split(':') is ["arn", var partition, "sns", var topicRegion, _, var name]
        ? $"arn:{partition}:sns:{topicRegion}:{Account}:{name}"
        : throw new ArgumentException($"'{standInTopicArn}' is not a topic ARN.", nameof(standInTopicArn));

    private string Table(string name) => $"arn:aws:dynamodb:{Region}:{Account}:table/{name}";

    private string Queue(string nameOrUrl) => $"arn:aws:sqs:{Region}:{Account}:{nameOrUrl.TrimEnd('/').Split('/')[^1]}";

    private static string Bucket(string bucket) => $"arn:aws:s3:::{bucket}";

    private static string Object(string bucket, string key) => $"arn:aws:s3:::{bucket}/{key}";

    // IAM's action for each SDK operation the service may call; anything else is recorded as unmapped, so that a
    // new kind of call fails the least-privilege test until it is mapped here and granted in the template.
    private IEnumerable<RecordedCall> CallsOf(AmazonWebServiceRequest? request) => request switch
    {
        GetItemRequest r => [new("dynamodb:GetItem", Table(r.TableName))],
        PutItemRequest r => [new("dynamodb:PutItem", Table(r.TableName))],
        UpdateItemRequest r => [new("dynamodb:UpdateItem", Table(r.TableName))],
        DeleteItemRequest r => [new("dynamodb:DeleteItem", Table(r.TableName))],
        DescribeTableRequest r => [new("dynamodb:DescribeTable", Table(r.TableName))],
        QueryRequest r => [new("dynamodb:Query", r.IndexName is null ? Table(r.TableName) : $"{Table(r.TableName)}/index/{r.IndexName}")],
        ScanRequest r => [new("dynamodb:Scan", r.IndexName is null ? Table(r.TableName) : $"{Table(r.TableName)}/index/{r.IndexName}")],
        BatchWriteItemRequest r => r.RequestItems.Keys.Select(t => new RecordedCall("dynamodb:BatchWriteItem", Table(t))),
        BatchGetItemRequest r => r.RequestItems.Keys.Select(t => new RecordedCall("dynamodb:BatchGetItem", Table(t))),
        CreateTableRequest r => [new("dynamodb:CreateTable", Table(r.TableName))],
        GetQueueUrlRequest r => [new("sqs:GetQueueUrl", Queue(r.QueueName))],
        GetQueueAttributesRequest r => [new("sqs:GetQueueAttributes", Queue(r.QueueUrl))],
        SetQueueAttributesRequest r => [new("sqs:SetQueueAttributes", Queue(r.QueueUrl))],
        ReceiveMessageRequest r => [new("sqs:ReceiveMessage", Queue(r.QueueUrl))],
        DeleteMessageRequest r => [new("sqs:DeleteMessage", Queue(r.QueueUrl))],
        DeleteMessageBatchRequest r => [new("sqs:DeleteMessage", Queue(r.QueueUrl))],
        ChangeMessageVisibilityRequest r => [new("sqs:ChangeMessageVisibility", Queue(r.QueueUrl))],
        ChangeMessageVisibilityBatchRequest r => [new("sqs:ChangeMessageVisibility", Queue(r.QueueUrl))],
        SendMessageRequest r => [new("sqs:SendMessage", Queue(r.QueueUrl))],
        SendMessageBatchRequest r => [new("sqs:SendMessage", Queue(r.QueueUrl))],
        CreateQueueRequest r => [new("sqs:CreateQueue", Queue(r.QueueName))],
        PutObjectRequest r => [new("s3:PutObject", Object(r.BucketName, r.Key))],
        GetObjectRequest r => [new("s3:GetObject", Object(r.BucketName, r.Key))],
        DeleteObjectRequest r => [new("s3:DeleteObject", Object(r.BucketName, r.Key))],
        ListObjectsV2Request r => [new("s3:ListBucket", Bucket(r.BucketName))],
        HeadBucketRequest r => [new("s3:ListBucket", Bucket(r.BucketName))],
        PutBucketRequest r => [new("s3:CreateBucket", Bucket(r.BucketName))],
        AssumeRoleRequest r => [new("sts:AssumeRole", r.RoleArn)],
        null => [new("unmapped:unknown", "")],
        _ => [new("unmapped:" + request.GetType().Name, "")],
    };
}

using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Microsoft.Extensions.Options;
using Onboarding.Grains.Ports;
using Onboarding.Silo.Configuration;

namespace Onboarding.Silo.Health;

/// <summary>DynamoDB answers when the grain-state table can be described.</summary>
public sealed class DynamoDbProbe(IAmazonDynamoDB dynamoDb, IOptions<ResourceOptions> resources) : IDependencyProbe
{
    public string Name => "dynamodb";

    public Task ProbeAsync(CancellationToken cancellationToken) =>
        dynamoDb.DescribeTableAsync(resources.Value.GrainStateTable, cancellationToken);
}

/// <summary>SQS answers when the events queue's URL can be looked up.</summary>
public sealed class SqsProbe(IAmazonSQS sqs, IOptions<ResourceOptions> resources) : IDependencyProbe
{
    public string Name => "sqs";

    public Task ProbeAsync(CancellationToken cancellationToken) =>
        sqs.GetQueueUrlAsync(resources.Value.EventsQueue, cancellationToken);
}

/// <summary>S3 answers when the template bucket can be listed (one key at most).</summary>
public sealed class S3Probe(IAmazonS3 s3, IOptions<ResourceOptions> resources) : IDependencyProbe
{
    public string Name => "s3";

    public Task ProbeAsync(CancellationToken cancellationToken) =>
        s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = resources.Value.TemplateBucket, MaxKeys = 1 }, cancellationToken);
}

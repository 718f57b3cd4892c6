namespace Onboarding.Events;

/// <summary>
/// A CloudFormation custom-resource request as delivered through SNS → SQS, with where it came from.
/// Field names follow CloudFormation's request; values are as sent (nothing here is trusted yet).
/// </summary>
[GenerateSerializer, Immutable, Alias("Onboarding.CustomResourceRequest")]
public sealed record CustomResourceRequest
{
    /// <summary>Create, Update or Delete.</summary>
    [Id(0)] public required string RequestType { get; init; }
    [Id(1)] public required Uri ResponseUrl { get; init; }
    /// <summary>arn:aws:cloudformation:region:account:stack/name/guid</summary>
    [Id(2)] public required string StackId { get; init; }
    [Id(3)] public required string RequestId { get; init; }
    [Id(4)] public required string ResourceType { get; init; }
    [Id(5)] public required string LogicalResourceId { get; init; }
    /// <summary>Sent with Update and Delete, never with Create.</summary>
    [Id(6)] public string? PhysicalResourceId { get; init; }
    [Id(7)] public IReadOnlyDictionary<string, string> ResourceProperties { get; init; } = new Dictionary<string, string>();
    [Id(8)] public IReadOnlyDictionary<string, string>? OldResourceProperties { get; init; }
    /// <summary>The topic the request was published to (the SNS envelope's TopicArn, or ServiceToken with raw delivery).</summary>
    [Id(9)] public required string SourceTopicArn { get; init; }
    /// <summary>The SNS message id (stable across SNS retries), for logs.</summary>
    [Id(10)] public string? MessageId { get; init; }
    /// <summary>When the request reached the service's queue (SQS SentTimestamp): CloudFormation's ServiceTimeout counts from about then.</summary>
    [Id(11)] public DateTimeOffset? PublishedAt { get; init; }
}

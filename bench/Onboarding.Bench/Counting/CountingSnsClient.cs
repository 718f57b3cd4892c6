using Onboarding.Silo.Aws.Sns;

namespace Onboarding.Bench.Counting;

/// <summary>The project's SNS client with every call counted (one count per call, retries inside it not counted).</summary>
public sealed class CountingSnsClient(ISnsClient inner, AwsCallCounter counter) : ISnsClient
{
    private const string Service = "SNS";

    public Task<string> CreateTopicAsync(string region, string name, CancellationToken cancellationToken = default)
    {
        counter.Add(Service, "CreateTopic");
        return inner.CreateTopicAsync(region, name, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, string>> GetTopicAttributesAsync(string topicArn, CancellationToken cancellationToken = default)
    {
        counter.Add(Service, "GetTopicAttributes");
        return inner.GetTopicAttributesAsync(topicArn, cancellationToken);
    }

    public Task SetTopicAttributeAsync(string topicArn, string name, string value, CancellationToken cancellationToken = default)
    {
        counter.Add(Service, "SetTopicAttributes");
        return inner.SetTopicAttributeAsync(topicArn, name, value, cancellationToken);
    }

    public Task<string> SubscribeAsync(string topicArn, string protocol, string endpoint, IReadOnlyDictionary<string, string>? attributes = null, CancellationToken cancellationToken = default)
    {
        counter.Add(Service, "Subscribe");
        return inner.SubscribeAsync(topicArn, protocol, endpoint, attributes, cancellationToken);
    }

    public Task<IReadOnlyList<SnsSubscription>> ListSubscriptionsByTopicAsync(string topicArn, CancellationToken cancellationToken = default)
    {
        counter.Add(Service, "ListSubscriptionsByTopic");
        return inner.ListSubscriptionsByTopicAsync(topicArn, cancellationToken);
    }

    public Task<string> PublishAsync(string topicArn, string message, string? subject = null, CancellationToken cancellationToken = default)
    {
        counter.Add(Service, "Publish");
        return inner.PublishAsync(topicArn, message, subject, cancellationToken);
    }
}

using System.Diagnostics;
using Onboarding.Silo.Aws.Sns;

namespace Onboarding.Bench.Counting;

/// <summary>The project's SNS client with every call counted (one count per call, retries inside it not counted).</summary>
public sealed class CountingSnsClient(ISnsClient inner, AwsCallCounter counter) : ISnsClient
{
    private const string Service = "SNS";

    public Task<string> CreateTopicAsync(string region, string name, CancellationToken cancellationToken = default)
    {
        return Timed("CreateTopic", () => inner.CreateTopicAsync(region, name, cancellationToken));
    }

    public Task<IReadOnlyDictionary<string, string>> GetTopicAttributesAsync(string topicArn, CancellationToken cancellationToken = default)
    {
        return Timed("GetTopicAttributes", () => inner.GetTopicAttributesAsync(topicArn, cancellationToken));
    }

    public Task SetTopicAttributeAsync(string topicArn, string name, string value, CancellationToken cancellationToken = default)
    {
        return Timed("SetTopicAttributes", () => inner.SetTopicAttributeAsync(topicArn, name, value, cancellationToken));
    }

    public Task<string> SubscribeAsync(string topicArn, string protocol, string endpoint, IReadOnlyDictionary<string, string>? attributes = null, CancellationToken cancellationToken = default)
    {
        return Timed("Subscribe", () => inner.SubscribeAsync(topicArn, protocol, endpoint, attributes, cancellationToken));
    }

    public Task<IReadOnlyList<SnsSubscription>> ListSubscriptionsByTopicAsync(string topicArn, CancellationToken cancellationToken = default)
    {
        return Timed("ListSubscriptionsByTopic", () => inner.ListSubscriptionsByTopicAsync(topicArn, cancellationToken));
    }

    public Task<string> PublishAsync(string topicArn, string message, string? subject = null, CancellationToken cancellationToken = default)
    {
        return Timed("Publish", () => inner.PublishAsync(topicArn, message, subject, cancellationToken));
    }

    private async Task<T> Timed<T>(string operation, Func<Task<T>> call)
    {
        counter.Add(Service, operation);
        var started = Stopwatch.GetTimestamp();
        try { return await call(); }
        finally { counter.AddWait(Service, operation, started); }
    }

    private async Task Timed(string operation, Func<Task> call)
    {
        counter.Add(Service, operation);
        var started = Stopwatch.GetTimestamp();
        try { await call(); }
        finally { counter.AddWait(Service, operation, started); }
    }
}

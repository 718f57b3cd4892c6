namespace Onboarding.Silo.Aws.Sns;

/// <summary>
/// The few SNS operations the service needs, kept small so the official AWS SDK client can replace
/// the hand-rolled Query API implementation later. Every call except <see cref="CreateTopicAsync"/>
/// is sent to (and signed for) the region named in its topic ARN.
/// </summary>
public interface ISnsClient
{
    /// <summary>Creates the topic in <paramref name="region"/>, or returns the existing one's ARN (idempotent, as on AWS).</summary>
    Task<string> CreateTopicAsync(string region, string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, string>> GetTopicAttributesAsync(string topicArn, CancellationToken cancellationToken = default);

    Task SetTopicAttributeAsync(string topicArn, string name, string value, CancellationToken cancellationToken = default);

    /// <summary>Subscribes <paramref name="endpoint"/>; returns the SubscriptionArn ("pending confirmation" for protocols that need it).</summary>
    Task<string> SubscribeAsync(
        string topicArn,
        string protocol,
        string endpoint,
        IReadOnlyDictionary<string, string>? attributes = null,
        CancellationToken cancellationToken = default);

    /// <summary>All subscriptions of the topic, following NextToken pages.</summary>
    Task<IReadOnlyList<SnsSubscription>> ListSubscriptionsByTopicAsync(string topicArn, CancellationToken cancellationToken = default);

    /// <summary>Publishes and returns the MessageId.</summary>
    Task<string> PublishAsync(string topicArn, string message, string? subject = null, CancellationToken cancellationToken = default);
}

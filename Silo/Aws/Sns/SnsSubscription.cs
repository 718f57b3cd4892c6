namespace Onboarding.Silo.Aws.Sns;

/// <summary>One member of a ListSubscriptionsByTopic answer.</summary>
public sealed record SnsSubscription(string SubscriptionArn, string TopicArn, string Protocol, string Endpoint, string Owner);

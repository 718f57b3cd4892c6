using Onboarding.Silo.Aws.Sns;

namespace Onboarding.Tests.Infrastructure.Deployment;

/// <summary>The service's SNS client with every call recorded as IAM action and topic ARN (retries inside a call are one call).</summary>
public sealed class RecordingSnsClient(ISnsClient inner, AwsCallRecorder recorder) : ISnsClient
{
    public Task<string> CreateTopicAsync(string region, string name, CancellationToken cancellationToken = default)
    {
        recorder.Add("sns:CreateTopic", $"arn:aws:sns:{region}:{recorder.Account}:{name}");
        return inner.CreateTopicAsync(region, name, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, string>> GetTopicAttributesAsync(string topicArn, CancellationToken cancellationToken = default)
    {
        recorder.Add("sns:GetTopicAttributes", recorder.TopicArn(topicArn));
        return inner.GetTopicAttributesAsync(topicArn, cancellationToken);
    }

    public Task SetTopicAttributeAsync(string topicArn, string name, string value, CancellationToken cancellationToken = default)
    {
        recorder.Add("sns:SetTopicAttributes", recorder.TopicArn(topicArn));
        return inner.SetTopicAttributeAsync(topicArn, name, value, cancellationToken);
    }

    public Task<string> SubscribeAsync(string topicArn, string protocol, string endpoint, IReadOnlyDictionary<string, string>? attributes = null, CancellationToken cancellationToken = default)
    {
        recorder.Add("sns:Subscribe", recorder.TopicArn(topicArn));
        return inner.SubscribeAsync(topicArn, protocol, endpoint, attributes, cancellationToken);
    }

    public Task<IReadOnlyList<SnsSubscription>> ListSubscriptionsByTopicAsync(string topicArn, CancellationToken cancellationToken = default)
    {
        recorder.Add("sns:ListSubscriptionsByTopic", recorder.TopicArn(topicArn));
        return inner.ListSubscriptionsByTopicAsync(topicArn, cancellationToken);
    }

    public Task<string> PublishAsync(string topicArn, string message, string? subject = null, CancellationToken cancellationToken = default)
    {
        recorder.Add("sns:Publish", recorder.TopicArn(topicArn));
        return inner.PublishAsync(topicArn, message, subject, cancellationToken);
    }
}

using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using Onboarding.Grains.Ports;
using Onboarding.Grains.Whitelist;
using Onboarding.Silo.Aws.Sns;

namespace Onboarding.Silo.Aws;

/// <summary>Creates an event topic, subscribes the events queue to it and lets the queue accept it.</summary>
public sealed class SnsEventTopicFactory(
    ISnsClient sns,
    IAmazonSQS sqs,
    EventsQueue eventsQueue,
    IOptions<WhitelistOptions> whitelist) : IEventTopicFactory
{
    private const string SqsProtocol = "sqs";
    private const string PolicyAttribute = "Policy";

    public async Task<string> OpenAsync(string region, string topicName, CancellationToken cancellationToken)
    {
        var topicArn = await sns.CreateTopicAsync(region, topicName, cancellationToken);
        var (queueUrl, queueArn) = await eventsQueue.GetAddressAsync(cancellationToken);
        await AllowDeliveriesAsync(queueUrl, queueArn, topicArn, cancellationToken);

        var subscriptions = await sns.ListSubscriptionsByTopicAsync(topicArn, cancellationToken);
        if (!subscriptions.Any(s => s.Protocol == SqsProtocol && s.Endpoint == queueArn))
        {
            await sns.SubscribeAsync(topicArn, SqsProtocol, queueArn, attributes: null, cancellationToken);
        }
        return topicArn;
    }

    private async Task AllowDeliveriesAsync(string queueUrl, string queueArn, string topicArn, CancellationToken cancellationToken)
    {
        var current = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = queueUrl,
            AttributeNames = [PolicyAttribute],
        }, cancellationToken);
        var pattern = EventsQueuePolicy.SourceArnPattern(topicArn, whitelist.Value.TopicNamePrefix);
        var updated = EventsQueuePolicy.Ensure(current.Attributes?.GetValueOrDefault(PolicyAttribute), queueArn, pattern);
        if (updated is null) return;
        await sqs.SetQueueAttributesAsync(new SetQueueAttributesRequest
        {
            QueueUrl = queueUrl,
            Attributes = new Dictionary<string, string> { [PolicyAttribute] = updated },
        }, cancellationToken);
    }
}

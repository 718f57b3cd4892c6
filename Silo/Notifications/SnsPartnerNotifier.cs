using System.Text.Json;
using Microsoft.Extensions.Options;
using Onboarding.Grains.Notifications;
using Onboarding.Grains.Ports;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Silo.Configuration;

namespace Onboarding.Silo.Notifications;

/// <summary>Publishes partner notifications as JSON to the partner's own SNS topic (retries are the SNS client's).</summary>
public sealed class SnsPartnerNotifier(ISnsClient sns, IOptions<ResourceOptions> resources, IOptions<AwsOptions> aws) : IPartnerNotifier
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _lookup = new(1, 1);
    private string? _topicArn;

    public async Task PublishAsync(PartnerNotification notification, CancellationToken cancellationToken)
    {
        var topicArn = await TopicArnAsync(cancellationToken);
        await sns.PublishAsync(topicArn, JsonSerializer.Serialize(notification, Json), notification.Type, cancellationToken);
    }

    /// <summary>CreateTopic is idempotent and returns the ARN: the cheapest lookup by name, done once.</summary>
    private async Task<string> TopicArnAsync(CancellationToken cancellationToken)
    {
        if (_topicArn is { } known) return known;
        await _lookup.WaitAsync(cancellationToken);
        try
        {
            return _topicArn ??= await sns.CreateTopicAsync(aws.Value.Region, resources.Value.NotificationsTopic, cancellationToken);
        }
        finally
        {
            _lookup.Release();
        }
    }
}

namespace Onboarding.Grains.Ports;

/// <summary>Opens event topics that customers' stacks publish their custom-resource requests to.</summary>
public interface IEventTopicFactory
{
    /// <summary>
    /// Creates the topic if missing, subscribes the service's events queue to it and makes sure the
    /// queue accepts its deliveries. Idempotent: returns the same ARN for the same region and name.
    /// </summary>
    Task<string> OpenAsync(string region, string topicName, CancellationToken cancellationToken);
}

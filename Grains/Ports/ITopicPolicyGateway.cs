namespace Onboarding.Grains.Ports;

/// <summary>Reads and writes an SNS topic's access policy.</summary>
public interface ITopicPolicyGateway
{
    /// <summary>The policy JSON, or null when the topic has none.</summary>
    Task<string?> GetPolicyAsync(string topicArn, CancellationToken cancellationToken);

    Task SetPolicyAsync(string topicArn, string policyJson, CancellationToken cancellationToken);
}

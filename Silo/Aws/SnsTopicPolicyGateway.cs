using Onboarding.Grains.Ports;
using Onboarding.Silo.Aws.Sns;

namespace Onboarding.Silo.Aws;

/// <summary>A topic's access policy is its "Policy" attribute.</summary>
public sealed class SnsTopicPolicyGateway(ISnsClient sns) : ITopicPolicyGateway
{
    private const string PolicyAttribute = "Policy";

    public async Task<string?> GetPolicyAsync(string topicArn, CancellationToken cancellationToken)
    {
        var attributes = await sns.GetTopicAttributesAsync(topicArn, cancellationToken);
        return attributes.TryGetValue(PolicyAttribute, out var policy) ? policy : null;
    }

    public Task SetPolicyAsync(string topicArn, string policyJson, CancellationToken cancellationToken) =>
        sns.SetTopicAttributeAsync(topicArn, PolicyAttribute, policyJson, cancellationToken);
}

using System.Text;

namespace Onboarding.Grains.Events;

/// <summary>
/// What the service issued for one onboarding, to compare a request against. <see cref="IsOwnTopic"/>
/// tells whether a topic ARN is one of the service's event topics.
/// </summary>
public sealed record ExpectedCustomer(
    string AccountId,
    string ExternalId,
    string OnboardingToken,
    string ResourceType,
    Func<string, bool> IsOwnTopic)
{
    // The generated ToString would print the external id and token into any log that formats this.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"{nameof(AccountId)} = {AccountId}, {nameof(ResourceType)} = {ResourceType}");
        return true;
    }
}

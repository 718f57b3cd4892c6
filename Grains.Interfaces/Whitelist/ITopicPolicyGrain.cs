namespace Onboarding.Whitelist;

/// <summary>
/// The single writer of one SNS topic's access policy (key: the topic ARN). Concurrent calls are
/// batched into one read-modify-write of the policy, so no update is lost.
/// </summary>
public interface ITopicPolicyGrain : IGrainWithStringKey
{
    Task<WhitelistOutcome> AddAccount(string accountId);

    Task<WhitelistOutcome> RemoveAccount(string accountId);
}

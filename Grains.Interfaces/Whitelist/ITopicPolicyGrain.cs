namespace Onboarding.Whitelist;

/// <summary>
/// The single writer of one SNS topic's access policy (key: the topic ARN). Concurrent calls are
/// batched into one read-modify-write of the policy, so no update is lost.
/// </summary>
public interface ITopicPolicyGrain : IGrainWithStringKey
{
    Task<WhitelistOutcome> AddAccount(string accountId);

    Task<WhitelistOutcome> RemoveAccount(string accountId);

    /// <summary>Adds the one statement that lets every principal of the organization publish (aws:PrincipalOrgID).</summary>
    Task<WhitelistOutcome> AddOrganization(string organizationId);

    Task<WhitelistOutcome> RemoveOrganization(string organizationId);
}

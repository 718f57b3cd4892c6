namespace Onboarding.Whitelist;

/// <summary>A customer account as a member of event topic policies (key: the account id; the customer grain).</summary>
public interface ITopicMemberGrain : IGrainWithStringKey
{
    /// <summary>
    /// Brings the account's entry in <paramref name="topicArn"/>'s policy in line with its record, in the
    /// customer's own turn (so never against an onboarding step in progress): adds it where the record places
    /// it, removes it anywhere else. Null when the entry is left to the onboarding's own steps.
    /// </summary>
    Task<WhitelistOutcome?> ReconcileTopicEntry(string topicArn);
}

using Onboarding.Whitelist;

namespace Onboarding.Grains.Customers;

/// <summary>
/// The account's place on an event topic's policy. The record always covers the policy: a topic is stored
/// (with <see cref="CustomerState.MayBeOnTopic"/>) before the account is added to it, and removal always
/// uses the stored topic, so a crash between the two leaves nothing that removal cannot find.
/// </summary>
public sealed partial class CustomerGrain : ITopicMemberGrain
{
    public async Task<WhitelistOutcome?> ReconcileTopicEntry(string topicArn)
    {
        var policy = GrainFactory.GetGrain<ITopicPolicyGrain>(topicArn);
        // Before its whitelist step is done, the onboarding's own steps (which record the topic first) add it.
        if (State.JustifiedTopicArn == topicArn) return State.Whitelisted ? await policy.AddAccount(AccountId) : null;
        // No record justifies the entry. An owed removal is also recorded by the follow-up, which is idempotent.
        return await policy.RemoveAccount(AccountId);
    }

    /// <summary>
    /// Joins the stored topic (a topic is for life: it is named in the template) or, with none or when it is
    /// full, the region's current one; each topic is stored before it is tried.
    /// </summary>
    private async Task WhitelistAsync(CancellationToken cancellationToken)
    {
        var region = GrainFactory.GetGrain<IRegionTopicsGrain>(State.Region);
        var topicArn = State.TopicArn ?? await region.CurrentTopic();
        for (var rollover = 0; ; rollover++)
        {
            if (State.TopicArn != topicArn || !State.MayBeOnTopic)
            {
                State.TopicArn = topicArn;
                State.MayBeOnTopic = true;
                Touch();
                await SaveAsync(cancellationToken);
            }

            var outcome = await GrainFactory.GetGrain<ITopicPolicyGrain>(topicArn).AddAccount(AccountId);
            if (outcome is WhitelistOutcome.Added or WhitelistOutcome.AlreadyPresent) break;
            // TopicFull is answered from a policy without the account: moving on leaves nothing behind.
            if (rollover == whitelistOptions.Value.MaxTopicRollovers)
                throw new InvalidOperationException(
                    $"No event topic in {State.Region} had room after {rollover} full topics.");
            topicArn = await region.NextTopic(topicArn);
        }

        State.Whitelisted = true;
    }
}

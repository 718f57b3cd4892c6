namespace Onboarding.Whitelist;

/// <summary>
/// Rebuilds every event topic's policy from the customer records, periodically (one activation, key 0):
/// restores entries another writer dropped and removes entries no record justifies.
/// </summary>
public interface IWhitelistReconcilerGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure the periodic reconciliation is scheduled (a durable reminder); keeps a matching schedule.</summary>
    Task Schedule();

    /// <summary>Reconciles every topic now, one after another, and reports what it fixed.</summary>
    Task<WhitelistRepairs> ReconcileNow();
}

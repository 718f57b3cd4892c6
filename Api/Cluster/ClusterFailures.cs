using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Onboarding.Api.Cluster;

/// <summary>
/// Failures that say the cluster did not answer a call (a silo died or is unreachable), not that the call failed.
/// A lost optimistic-concurrency check counts too: the activation that took the call held a stale state (another
/// activation wrote meanwhile, as happens briefly while membership changes); Orleans deactivated it, and the same
/// call sent again meets an activation that reads the stored state afresh.
/// </summary>
public static class ClusterFailures
{
    public static bool IsUnavailable(Exception exception) => exception is
        SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException or TimeoutException
        or InconsistentStateException;
}

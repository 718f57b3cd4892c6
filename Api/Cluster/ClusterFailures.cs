using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Onboarding.Api.Cluster;

/// <summary>Failures that say the cluster did not answer a call (a silo died or is unreachable), not that the call failed.</summary>
public static class ClusterFailures
{
    public static bool IsUnavailable(Exception exception) => exception is
        SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException or TimeoutException;
}

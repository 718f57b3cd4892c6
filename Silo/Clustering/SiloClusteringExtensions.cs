using System.Net;
using Orleans.Configuration;

namespace Onboarding.Silo.Clustering;

/// <summary>Joins the silo to its cluster: one silo on loopback by default, or several on Redis membership.</summary>
public static class SiloClusteringExtensions
{
    public static ISiloBuilder UseOnboardingClustering(this ISiloBuilder silo, ClusterHostingOptions cluster)
    {
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
        if (!cluster.IsRedis)
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort);
            return silo;
        }

        silo.UseRedisClustering(cluster.RedisConnectionString!);
        var advertised = IPAddress.Parse(cluster.AdvertisedIPAddress!);
        // A silo on a real host listens on every interface (a container's address may be NATed);
        // a local cluster stays on loopback, like the stand-ins.
        silo.ConfigureEndpoints(advertised, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: !cluster.LocalCluster);
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = cluster.ProbeTimeout;
            membership.NumMissedProbesLimit = cluster.MissedProbesLimit;
            membership.TableRefreshTimeout = cluster.TableRefreshTimeout;
        });
        return silo;
    }
}

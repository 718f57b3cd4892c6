namespace Onboarding.CustomerSimulation.LocalAws;

/// <summary>
/// The settings of a cluster whose silos all run on this machine, on Redis membership: what the fault suite,
/// the benchmark's --silos and ./run.sh --silos give the silos and the API (docker-compose.yml sets the same
/// keys with each container's own address, a test checks).
/// </summary>
public static class LocalClusterSettings
{
    /// <summary>The API's: Redis clustering, where it reads the silos' gateways.</summary>
    public static List<KeyValuePair<string, string?>> Api(string redisConnectionString) =>
    [
        new("Cluster:Clustering", "Redis"),
        new("Cluster:RedisConnectionString", redisConnectionString),
    ];

    /// <summary>A silo's, beyond its ports: Redis membership, and loopback as its address since the whole cluster is on this machine.</summary>
    public static List<KeyValuePair<string, string?>> Silo(string redisConnectionString) =>
    [
        .. Api(redisConnectionString),
        new("Cluster:AdvertisedIPAddress", "127.0.0.1"),
        new("Cluster:LocalCluster", "true"),
    ];
}

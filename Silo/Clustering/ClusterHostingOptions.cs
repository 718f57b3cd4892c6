namespace Onboarding.Silo.Clustering;

/// <summary>How the silo joins its cluster (section "Cluster"; not "Orleans", which Orleans reads itself).</summary>
public sealed class ClusterHostingOptions
{
    public const string SectionName = "Cluster";
    public const string Localhost = "Localhost";
    public const string Redis = "Redis";
    public const string Setting = "Setting";
    public const string EcsTaskMetadata = "EcsTaskMetadata";

    /// <summary>"Localhost" (one silo, the local default) or "Redis" (several silos, membership in Redis).</summary>
    public string Clustering { get; set; } = Localhost;
    public string ClusterId { get; set; } = "onboarding";
    public string ServiceId { get; set; } = "onboarding";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    /// <summary>Where Redis clustering keeps its membership table (with Clustering = Redis).</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>
    /// The address other silos and the API reach this silo at (with Clustering = Redis): this host's own
    /// address, different on every host. No default: a shared default would make every silo claim one address.
    /// </summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>
    /// Where <see cref="AdvertisedIPAddress"/> comes from: "Setting" (as configured) or "EcsTaskMetadata" (the ECS task's
    /// own address, read at start-up: <see cref="EcsTaskAddress"/>).
    /// </summary>
    public string AdvertisedIPAddressSource { get; set; } = Setting;

    /// <summary>
    /// Every silo and client runs on this one machine (./run.sh --silos N, the tests): allows a loopback
    /// <see cref="AdvertisedIPAddress"/>, which on several hosts would make each silo dial itself.
    /// </summary>
    public bool LocalCluster { get; set; }

    /// <summary>
    /// How long a silo waits for a liveness probe of another silo (Orleans adapts it between half and
    /// four times this). With <see cref="MissedProbesLimit"/> it sets how soon a dead silo is declared dead.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes before a silo suspects another (one suspicion declares death in a two-silo cluster).</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>How often each silo re-reads the membership table (gossip spreads changes sooner).</summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsRedis => Clustering == Redis;
}

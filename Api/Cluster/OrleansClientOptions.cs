namespace Onboarding.Api.Cluster;

/// <summary>How the API reaches the silos (section "Cluster"; same ClusterId/ServiceId as the silo).</summary>
public sealed class OrleansClientOptions
{
    public const string SectionName = "Cluster";
    public const string Localhost = "Localhost";
    public const string Redis = "Redis";

    /// <summary>"Localhost" (the local default: one silo on this machine) or "Redis" (the silos' membership table).</summary>
    public string Clustering { get; set; } = Localhost;
    public string ClusterId { get; set; } = "onboarding";
    public string ServiceId { get; set; } = "onboarding";
    /// <summary>The silo's gateway port with Localhost clustering.</summary>
    public int GatewayPort { get; set; } = 30000;
    /// <summary>The silos' membership table with Redis clustering: the API reads its gateway list there.</summary>
    public string? RedisConnectionString { get; set; }
    /// <summary>How long the API keeps trying to reach a silo at start-up (silos may start after it).</summary>
    public TimeSpan ConnectRetryFor { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the API re-reads the gateway list (Orleans' default is a minute: a new silo would wait that long for clients).</summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the API keeps retrying a call that is safe to repeat (every customer call is) when the cluster
    /// could not answer it, e.g. a silo died under it, before answering 503 with Retry-After.
    /// </summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsRedis => Clustering == Redis;
}

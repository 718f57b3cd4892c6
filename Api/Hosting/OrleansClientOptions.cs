namespace Onboarding.Api.Hosting;

/// <summary>How the API reaches the silos (section "Cluster"; same ClusterId/ServiceId as the silo).</summary>
public sealed class OrleansClientOptions
{
    public const string SectionName = "Cluster";

    /// <summary>"Localhost" (the local default) or "Redis".</summary>
    public string Clustering { get; set; } = "Localhost";
    public string ClusterId { get; set; } = "onboarding";
    public string ServiceId { get; set; } = "onboarding";
    /// <summary>The silo's gateway port with Localhost clustering.</summary>
    public int GatewayPort { get; set; } = 30000;
    public string? RedisConnectionString { get; set; }
    /// <summary>How long the API keeps trying to reach a silo at start-up (silos may start after it).</summary>
    public TimeSpan ConnectRetryFor { get; set; } = TimeSpan.FromSeconds(60);
}

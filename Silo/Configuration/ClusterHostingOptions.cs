using System.Net;

namespace Onboarding.Silo.Configuration;

/// <summary>How the silo joins its cluster (section "Cluster"; not "Orleans", which Orleans reads itself).</summary>
public sealed class ClusterHostingOptions
{
    public const string SectionName = "Cluster";

    /// <summary>"Localhost" (one silo, the local default) or "Redis" (several silos).</summary>
    public string Clustering { get; set; } = "Localhost";
    public string ClusterId { get; set; } = "onboarding";
    public string ServiceId { get; set; } = "onboarding";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    /// <summary>Where Redis clustering keeps its membership table (with Clustering = Redis).</summary>
    public string? RedisConnectionString { get; set; }
    /// <summary>The address other silos and clients reach this silo at (with Clustering = Redis).</summary>
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    public IEnumerable<string> Validate()
    {
        var section = SectionName;
        if (Clustering is not ("Localhost" or "Redis"))
            yield return $"{section}:Clustering must be Localhost or Redis (got '{Clustering}').";
        if (Clustering == "Redis" && string.IsNullOrWhiteSpace(RedisConnectionString))
            yield return $"{section}:RedisConnectionString is required when Clustering is Redis.";
        if (string.IsNullOrWhiteSpace(ClusterId)) yield return $"{section}:ClusterId must not be empty.";
        if (string.IsNullOrWhiteSpace(ServiceId)) yield return $"{section}:ServiceId must not be empty.";
        if (SiloPort is < 1 or > 65535) yield return $"{section}:SiloPort must be a TCP port (got {SiloPort}).";
        if (GatewayPort is < 1 or > 65535) yield return $"{section}:GatewayPort must be a TCP port (got {GatewayPort}).";
        if (SiloPort == GatewayPort) yield return $"{section}:SiloPort and GatewayPort must differ.";
        if (!IPAddress.TryParse(AdvertisedIPAddress, out _))
            yield return $"{section}:AdvertisedIPAddress must be an IP address (got '{AdvertisedIPAddress}').";
    }
}

using System.Net;
using Microsoft.Extensions.Options;

namespace Onboarding.Silo.Clustering;

/// <summary>
/// Fails start-up with one message per wrong "Cluster" setting. With Redis every setting that differs
/// per host is checked, so two silos never claim one address or one silo two ports.
/// </summary>
public sealed class ClusterHostingOptionsValidator : IValidateOptions<ClusterHostingOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterHostingOptions options)
    {
        var failures = new List<string>();
        var section = ClusterHostingOptions.SectionName;
        if (options.Clustering is not (ClusterHostingOptions.Localhost or ClusterHostingOptions.Redis))
            failures.Add($"{section}:Clustering must be Localhost or Redis (got '{options.Clustering}').");
        if (options.AdvertisedIPAddressSource is not (ClusterHostingOptions.Setting or ClusterHostingOptions.EcsTaskMetadata))
            failures.Add($"{section}:AdvertisedIPAddressSource must be Setting or EcsTaskMetadata (got '{options.AdvertisedIPAddressSource}').");
        if (string.IsNullOrWhiteSpace(options.ClusterId)) failures.Add($"{section}:ClusterId must not be empty.");
        if (string.IsNullOrWhiteSpace(options.ServiceId)) failures.Add($"{section}:ServiceId must not be empty.");
        if (options.SiloPort is < 1 or > 65535) failures.Add($"{section}:SiloPort must be a TCP port (got {options.SiloPort}).");
        if (options.GatewayPort is < 1 or > 65535) failures.Add($"{section}:GatewayPort must be a TCP port (got {options.GatewayPort}).");
        if (options.SiloPort == options.GatewayPort)
            failures.Add($"{section}:SiloPort and {section}:GatewayPort must differ (both are {options.SiloPort}).");
        if (options.ProbeTimeout < TimeSpan.FromMilliseconds(500) || options.ProbeTimeout > TimeSpan.FromMinutes(1))
            failures.Add($"{section}:ProbeTimeout must be between 500 ms and 1 minute (got {options.ProbeTimeout}).");
        if (options.MissedProbesLimit is < 2 or > 10)
            failures.Add($"{section}:MissedProbesLimit must be between 2 and 10 (got {options.MissedProbesLimit}).");
        if (options.TableRefreshTimeout < TimeSpan.FromSeconds(1) || options.TableRefreshTimeout > TimeSpan.FromMinutes(10))
            failures.Add($"{section}:TableRefreshTimeout must be between 1 second and 10 minutes (got {options.TableRefreshTimeout}).");
        if (options.IsRedis) failures.AddRange(RedisProblems(options, section));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> RedisProblems(ClusterHostingOptions options, string section)
    {
        if (string.IsNullOrWhiteSpace(options.RedisConnectionString))
            yield return $"{section}:RedisConnectionString is required when {section}:Clustering is Redis (e.g. redis.internal:6379).";
        if (string.IsNullOrWhiteSpace(options.AdvertisedIPAddress))
            yield return $"{section}:AdvertisedIPAddress is required when {section}:Clustering is Redis: this host's address, which the other silos and the API dial.";
        else if (!IPAddress.TryParse(options.AdvertisedIPAddress, out var address))
            yield return $"{section}:AdvertisedIPAddress must be an IP address (got '{options.AdvertisedIPAddress}').";
        else if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            yield return $"{section}:AdvertisedIPAddress must be an address others can dial, not {address}.";
        else if (IPAddress.IsLoopback(address) && !options.LocalCluster)
            yield return $"{section}:AdvertisedIPAddress is the loopback address {address}: silos on other hosts would dial themselves. "
                + $"Set this host's own address, or {section}:LocalCluster=true when every silo and the API run on this one machine.";
    }
}

using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Onboarding.Silo.Hosting;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Cluster;

namespace Onboarding.Tests.Integration.Hosting;

/// <summary>
/// docker-compose.yml, checked without a container engine (none exists here): docker-compose itself
/// validates it, each silo container's environment passes the silo's own start-up validation, and the
/// containers run the cluster configuration the fault suite runs (<see cref="SiloClusterService"/>).
/// </summary>
public sealed class DockerComposeTests
{
    private static readonly string ComposeFile = Path.Combine(LocalAwsStandIns.RepositoryRoot, "docker-compose.yml");
    private static readonly string[] Silos = ["silo-1", "silo-2"];

    [Fact]
    public async Task Docker_compose_accepts_the_file()
    {
        var (exitCode, _, errors) = await DockerComposeAsync("config", "-q");
        Assert.True(exitCode == 0, $"docker-compose config failed: {errors}");
    }

    [Fact]
    public async Task Each_silo_container_passes_the_silos_start_up_validation_with_its_own_address()
    {
        var compose = await NormalizedAsync();
        foreach (var silo in Silos)
        {
            var environment = compose.Environment(silo);
            Assert.Equal(compose.Ipv4Address(silo), environment["Cluster__AdvertisedIPAddress"]);
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment["DOTNET_ENVIRONMENT"] });
            builder.Configuration.AddJsonFile(ShippedSettings.SiloFile, optional: false, reloadOnChange: false);
            builder.Configuration.AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)));
            builder.AddOnboardingSilo();
            using var host = builder.Build();
            host.ValidateConfiguration();
        }
        Assert.Equal(Silos.Length, Silos.Select(s => compose.Environment(s)["Cluster__AdvertisedIPAddress"]).Distinct().Count());
    }

    [Fact]
    public async Task The_containers_run_the_cluster_configuration_of_the_fault_suite()
    {
        var compose = await NormalizedAsync();
        const string redis = "redis:6379";
        // Per host by nature: the address (checked above) and the local-cluster flag, which the fault
        // suite needs for loopback addresses and containers must not set.
        var faultSuiteSilo = SiloClusterService.SiloClusterSettings(redis).Where(s => s.Key != "Cluster:LocalCluster")
            .Select(s => s.Key).Append("Cluster:SiloPort").Append("Cluster:GatewayPort").Order();
        foreach (var silo in Silos)
        {
            var cluster = ClusterSettings(compose.Environment(silo));
            Assert.Equal(faultSuiteSilo, cluster.Keys.Order());
            Assert.Equal("Redis", cluster["Cluster:Clustering"]);
            Assert.Equal(redis, cluster["Cluster:RedisConnectionString"]);
        }
        Assert.Equal(SiloClusterService.ApiClusterSettings(redis).OrderBy(s => s.Key), ClusterSettings(compose.Environment("api")).OrderBy(s => s.Key));
    }

    private static Dictionary<string, string?> ClusterSettings(IReadOnlyDictionary<string, string> environment) =>
        environment.Where(e => e.Key.StartsWith("Cluster__", StringComparison.Ordinal))
            .ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Value);

    private static async Task<NormalizedCompose> NormalizedAsync()
    {
        var (exitCode, output, errors) = await DockerComposeAsync("config");
        Assert.True(exitCode == 0, $"docker-compose config failed: {errors}");
        return new NormalizedCompose(output.Split('\n'));
    }

    private static async Task<(int ExitCode, string Output, string Errors)> DockerComposeAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("docker-compose", ["-f", ComposeFile, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>
    /// What `docker-compose config` prints, read by indentation: it normalizes the file (anchors merged,
    /// maps two spaces per level), so a service's environment and address sit at fixed depths.
    /// </summary>
    private sealed class NormalizedCompose(string[] lines)
    {
        public IReadOnlyDictionary<string, string> Environment(string service) =>
            Block(service, "    environment:", "      ").ToDictionary(l => l.Split(':', 2)[0].Trim(), l => Unquote(l.Split(':', 2)[1].Trim()));

        public string Ipv4Address(string service) =>
            Unquote(Block(service, "    networks:", "      ").Single(l => l.TrimStart().StartsWith("ipv4_address:", StringComparison.Ordinal)).Split(':', 2)[1].Trim());

        private IEnumerable<string> Block(string service, string header, string indent)
        {
            var serviceAt = Array.IndexOf(lines, $"  {service}:");
            Assert.True(serviceAt >= 0, $"no service {service} in docker-compose.yml");
            var at = Array.IndexOf(lines, header, serviceAt);
            Assert.True(at >= 0, $"no '{header.Trim()}' in service {service}");
            return lines.Skip(at + 1).TakeWhile(l => l.StartsWith(indent, StringComparison.Ordinal));
        }

        private static string Unquote(string value) => value.Length >= 2 && value[0] is '\'' or '"' && value[^1] == value[0] ? value[1..^1] : value;
    }
}

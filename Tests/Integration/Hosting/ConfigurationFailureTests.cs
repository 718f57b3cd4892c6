using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Integration.Hosting;

/// <summary>The silo process itself, started with wrong settings and no configuration files.</summary>
public sealed class ConfigurationFailureTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Wrong_cluster_settings_stop_the_silo_before_it_is_built()
    {
        var (exitCode, lines) = await RunSiloAsync(new() { ["Cluster__SiloPort"] = "0", ["Cluster__Clustering"] = "Zookeeper" });

        Assert.Equal(2, exitCode);
        Assert.All(lines, line => Assert.StartsWith("configuration error: ", line));
        Assert.Contains(lines, l => l.Contains("Cluster:SiloPort"));
        Assert.Contains(lines, l => l.Contains("Cluster:Clustering"));
    }

    [Fact]
    public async Task A_redis_silo_advertising_loopback_without_the_local_cluster_flag_is_stopped_naming_the_setting()
    {
        var (exitCode, lines) = await RunSiloAsync(new()
        {
            ["Cluster__Clustering"] = "Redis",
            ["Cluster__RedisConnectionString"] = "redis.internal:6379",
            ["Cluster__AdvertisedIPAddress"] = "127.0.0.1",
        });

        Assert.Equal(2, exitCode);
        Assert.Contains(lines, l => l.StartsWith("configuration error: Cluster:AdvertisedIPAddress", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_wrong_or_missing_setting_is_reported_at_once_one_line_each()
    {
        var (exitCode, lines) = await RunSiloAsync(new()
        {
            ["Onboarding__PartnerAccountId"] = "12345",
            ["Onboarding__AllowedRegions__0"] = "Europe",
            // No room left under Orleans' 30 s response timeout for the grain to answer.
            ["Grains__CallBudget"] = "00:00:28",
        });

        Assert.Equal(2, exitCode);
        Assert.All(lines, line => Assert.StartsWith("configuration error: ", line));
        Assert.Contains(lines, l => l.Contains("Onboarding:PartnerAccountId"));
        Assert.Contains(lines, l => l.Contains("Onboarding:AllowedRegions"));
        Assert.Contains(lines, l => l.Contains("Resources:TemplateBucket"));
        Assert.Contains(lines, l => l.Contains("Onboarding:PublicBaseUrl"));
        Assert.Contains(lines, l => l.Contains("Template:"));
        Assert.Contains(lines, l => l.Contains("Grains:CallBudget"));
    }

    [Fact]
    public async Task Wrong_retry_settings_of_the_CloudFormation_responder_are_reported_at_start_up_under_their_keys()
    {
        var (exitCode, lines) = await RunSiloAsync(new()
        {
            ["CloudFormationResponder__MaxAttempts"] = "0",
            ["CloudFormationResponder__AttemptTimeout"] = "00:00:02",
            ["CloudFormationResponder__TotalTimeout"] = "00:00:01",
        });

        Assert.Equal(2, exitCode);
        Assert.All(lines, line => Assert.StartsWith("configuration error: ", line));
        Assert.Contains(lines, l => l.Contains("CloudFormationResponder:MaxAttempts"));
        Assert.Contains(lines, l => l.Contains("CloudFormationResponder:TotalTimeout"));
    }

    private static Task<(int ExitCode, string[] ErrorLines)> RunSiloAsync(Dictionary<string, string> environment) =>
        SiloProcess.RunToExitAsync(environment, Directory.CreateTempSubdirectory("silo-config").FullName, ExitTimeout);
}

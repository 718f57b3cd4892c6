using Onboarding.Silo.Clustering;

namespace Onboarding.Tests.Unit.Cluster;

public sealed class ClusterHostingOptionsValidatorTests
{
    private static ClusterHostingOptions Redis(string? advertised = "10.0.3.21", bool localCluster = false) => new()
    {
        Clustering = "Redis",
        RedisConnectionString = "redis.internal:6379",
        AdvertisedIPAddress = advertised,
        LocalCluster = localCluster,
    };

    private static List<string> Failures(ClusterHostingOptions options) =>
        [.. new ClusterHostingOptionsValidator().Validate(null, options).Failures ?? []];

    [Fact]
    public void The_local_default_one_silo_on_loopback_needs_no_address() =>
        Assert.Empty(Failures(new ClusterHostingOptions()));

    [Fact]
    public void A_silo_on_redis_with_its_host_address_passes() => Assert.Empty(Failures(Redis()));

    [Fact]
    public void A_loopback_address_on_redis_is_refused_naming_the_setting_and_the_local_cluster_flag()
    {
        var failure = Assert.Single(Failures(Redis("127.0.0.1")));
        Assert.StartsWith("Cluster:AdvertisedIPAddress", failure, StringComparison.Ordinal);
        Assert.Contains("Cluster:LocalCluster=true", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loopback_address_is_allowed_when_the_whole_cluster_is_local() => Assert.Empty(Failures(Redis("127.0.0.1", localCluster: true)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("silo-1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public void A_redis_silo_needs_an_address_others_can_dial(string? advertised) =>
        Assert.StartsWith("Cluster:AdvertisedIPAddress", Assert.Single(Failures(Redis(advertised))), StringComparison.Ordinal);

    [Fact]
    public void Each_wrong_setting_gets_its_own_message_naming_it()
    {
        var options = Redis();
        options.RedisConnectionString = " ";
        options.GatewayPort = options.SiloPort;
        options.ProbeTimeout = TimeSpan.FromMilliseconds(100);
        options.MissedProbesLimit = 1;
        options.TableRefreshTimeout = TimeSpan.Zero;
        options.ClusterId = "";

        var failures = Failures(options);

        Assert.Equal(6, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Cluster:RedisConnectionString", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cluster:SiloPort and Cluster:GatewayPort must differ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cluster:ProbeTimeout", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cluster:MissedProbesLimit", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cluster:TableRefreshTimeout", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cluster:ClusterId", StringComparison.Ordinal));
    }
}

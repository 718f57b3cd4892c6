using Onboarding.Api.Cluster;

namespace Onboarding.Tests.Unit.Cluster;

public sealed class OrleansClientOptionsValidatorTests
{
    private static List<string> Failures(OrleansClientOptions options) =>
        [.. new OrleansClientOptionsValidator().Validate(null, options).Failures ?? []];

    [Fact]
    public void The_local_default_and_a_redis_client_pass()
    {
        Assert.Empty(Failures(new OrleansClientOptions()));
        Assert.Empty(Failures(new OrleansClientOptions { Clustering = "Redis", RedisConnectionString = "redis.internal:6379" }));
    }

    [Fact]
    public void A_redis_client_without_the_membership_table_is_refused_naming_the_setting() =>
        Assert.StartsWith("Cluster:RedisConnectionString",
            Assert.Single(Failures(new OrleansClientOptions { Clustering = "Redis" })), StringComparison.Ordinal);

    [Fact]
    public void Each_wrong_setting_gets_its_own_message_naming_it()
    {
        var failures = Failures(new OrleansClientOptions
        {
            Clustering = "Consul",
            GatewayPort = 0,
            GatewayListRefreshPeriod = TimeSpan.Zero,
            RetryFor = TimeSpan.FromMinutes(5),
        });

        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Cluster:Clustering", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cluster:GatewayPort", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cluster:GatewayListRefreshPeriod", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cluster:RetryFor", StringComparison.Ordinal));
    }
}

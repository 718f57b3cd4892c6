using Onboarding.Silo.Clustering;

namespace Onboarding.Tests.Unit.Cluster;

public sealed class EcsTaskAddressTests
{
    // The container metadata (version 4) of a Fargate task, as AWS documents it (trimmed).
    private const string FargateContainer = """
        {"DockerId":"cd189a933e5849daa93386466019ab50-2495160603","Name":"silo","Image":"onboarding-silo:1.0.0",
         "Limits":{"CPU":2},"Type":"NORMAL",
         "Networks":[{"NetworkMode":"awsvpc","IPv4Addresses":["10.0.2.106"],"AttachmentIndex":0,"MACAddress":"0e:9e:32:c7:48:85",
                      "IPv4SubnetCIDRBlock":"10.0.2.0/24","PrivateDNSName":"ip-10-0-2-106.us-west-2.compute.internal",
                      "SubnetGatewayIpv4Address":"10.0.2.1/24"}]}
        """;

    [Fact]
    public void The_task_address_is_the_awsvpc_networks_first_IPv4_address() =>
        Assert.Equal("10.0.2.106", EcsTaskAddress.AddressIn(FargateContainer));

    [Theory]
    [InlineData("""{"Networks":[{"NetworkMode":"bridge","IPv4Addresses":["172.17.0.2"]}]}""")]
    [InlineData("""{"Networks":[{"NetworkMode":"awsvpc","IPv4Addresses":[]}]}""")]
    [InlineData("""{"Networks":[{"NetworkMode":"awsvpc","IPv4Addresses":["not an address", 7]}]}""")]
    [InlineData("""{"Name":"silo"}""")]
    [InlineData("[]")]
    [InlineData("not json")]
    public void No_usable_awsvpc_address_is_none(string document) => Assert.Null(EcsTaskAddress.AddressIn(document));
}

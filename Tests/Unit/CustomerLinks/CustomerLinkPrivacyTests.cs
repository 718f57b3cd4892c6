using System.Net;
using Microsoft.AspNetCore.Http;
using Onboarding.Api.CustomerLinks;

namespace Onboarding.Tests.Unit.CustomerLinks;

public sealed class CustomerLinkPrivacyTests
{
    [Theory]
    [InlineData("/launch/123456789012-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("/launch/anything")]
    [InlineData("/LAUNCH/anything")]
    public void Customer_link_paths_are_recorded_as_their_route(string path)
    {
        Assert.Equal("/launch/{token}", CustomerLinkRedaction.RedactedPath(new PathString(path)));
    }

    [Theory]
    [InlineData("/customers/123456789012")]
    [InlineData("/launcher/x")]
    [InlineData("/health/ready")]
    public void Other_paths_are_recorded_as_they_are(string path)
    {
        Assert.Null(CustomerLinkRedaction.RedactedPath(new PathString(path)));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Clients_are_limited_by_address_and_ipv6_clients_by_their_64_prefix(string address, string partition)
    {
        Assert.Equal(partition, CustomerLinkRateLimitPolicy.PartitionKey(IPAddress.Parse(address)));
    }

    [Fact]
    public void A_request_without_an_address_shares_one_partition()
    {
        Assert.Equal("unknown", CustomerLinkRateLimitPolicy.PartitionKey(null));
    }
}

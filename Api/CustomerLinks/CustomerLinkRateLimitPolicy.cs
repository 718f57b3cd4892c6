using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Onboarding.Api.Customers;

namespace Onboarding.Api.CustomerLinks;

/// <summary>
/// Customer links are public, and each request reaches a customer grain (a storage read for an account
/// not active yet): a fixed window of requests per client address bounds what one client can drive.
/// </summary>
public sealed class CustomerLinkRateLimitPolicy(IOptions<ApiOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "customer-links";

    public RateLimitPartition<string> GetPartition(HttpContext http) =>
        RateLimitPartition.GetFixedWindowLimiter(PartitionKey(http.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.CustomerLinkRequestsPerWindow,
            Window = options.Value.CustomerLinkWindow,
            QueueLimit = 0,
        });

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = RejectAsync;

    /// <summary>429 with Retry-After, as HTML for browsers and problem+json otherwise (every customer-link limit answers so).</summary>
    public static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        CustomerLinkResponses.ApplyHeaders(http.Response);
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await CustomerLinkResponses.TooManyRequests().ExecuteAsync(http);
    }

    /// <summary>
    /// The client's address; an IPv6 client by its /64, which one subscriber usually holds whole (one
    /// address each would let it spread requests over 2^64 of them).
    /// </summary>
    public static string PartitionKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4().ToString();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}

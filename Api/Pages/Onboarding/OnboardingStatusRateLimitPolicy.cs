using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Onboarding.Api.CustomerLinks;
using Onboarding.Api.Customers;
using Onboarding.Api.Pages.Layout;

namespace Onboarding.Api.Pages.Onboarding;

/// <summary>
/// An open onboarding page asks for its status every few seconds, far more often than anyone opens a link: its own
/// window per client address (the launch link's would run out within a minute), each request one grain read.
/// </summary>
public sealed class OnboardingStatusRateLimitPolicy(IOptions<PageOptions> pages, IOptions<ApiOptions> api) : IRateLimiterPolicy<string>
{
    public const string Name = "onboarding-status";

    public RateLimitPartition<string> GetPartition(HttpContext http) =>
        RateLimitPartition.GetFixedWindowLimiter(CustomerLinkRateLimitPolicy.PartitionKey(http.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = pages.Value.StatusRequestsPerWindow,
            Window = api.Value.CustomerLinkWindow,
            QueueLimit = 0,
        });

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = CustomerLinkRateLimitPolicy.RejectAsync;
}

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Tests.Infrastructure;
using static Onboarding.Tests.Integration.CustomerLinks.CustomerLinkAnswers;

namespace Onboarding.Tests.Integration.CustomerLinks;

/// <summary>The service allowing three customer-link requests per address in a long window; test clients pick their address.</summary>
public sealed class LowLaunchLinkLimitService : OnboardingService
{
    public const int Limit = 3;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraApiSettings =>
        [new("Api:CustomerLinkRequestsPerWindow", Limit.ToString()), new("Api:CustomerLinkWindow", "00:10:00")];

    protected override void ConfigureApiServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
}

public sealed class LaunchLinkRateLimitTests(LowLaunchLinkLimitService service) : IClassFixture<LowLaunchLinkLimitService>
{
    [Fact]
    public async Task Past_the_limit_an_address_gets_429_while_other_addresses_are_still_served()
    {
        var (_, _, link) = await StartAsync(service);
        using var browser = service.Browser();
        Task<HttpResponseMessage> OpenFrom(string address, Uri url)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add(ClientAddressFromHeader.HeaderName, address);
            return browser.SendAsync(request);
        }

        // Every request counts, good link or bad: guessing is limited as much as opening.
        Assert.Equal(HttpStatusCode.NotFound, (await OpenFrom("203.0.113.7", LinkWithNewSecret(TestAccounts.Next()))).StatusCode);
        for (var i = 1; i < LowLaunchLinkLimitService.Limit; i++)
            Assert.Equal(HttpStatusCode.Found, (await OpenFrom("203.0.113.7", link)).StatusCode);

        var limited = await OpenFrom("203.0.113.7", link);

        AssertCapabilityHeaders(limited);
        var problem = await ProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.EndsWith("/too-many-requests", problem.GetProperty("type").GetString());
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Found, (await OpenFrom("198.51.100.20", link)).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await OpenFrom("2001:db8:1:2::1", link)).StatusCode);
        // The partner's API is not a customer link: its calls from the limited address are not counted.
        using var partner = service.ClientWithKey(OnboardingService.PartnerKey);
        using var fromLimited = new HttpRequestMessage(HttpMethod.Get, $"/customers/{TestAccounts.Next()}");
        fromLimited.Headers.Add(ClientAddressFromHeader.HeaderName, "203.0.113.7");
        Assert.Equal(HttpStatusCode.NotFound, (await partner.SendAsync(fromLimited)).StatusCode);
    }
}

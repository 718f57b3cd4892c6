using System.Collections.Concurrent;
using System.Net;
using Onboarding.CustomerSimulation.Customers;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Integration.Cluster;

/// <summary>
/// Partner clients as README asks: a 503 carries Retry-After and the same request is sent again after it.
/// Records every answer the API gave (status and path), so a case can assert that none was a 500.
/// </summary>
public sealed class PartnerRetries
{
    private const int MaxAttempts = 10;

    public ConcurrentQueue<(HttpStatusCode Status, string Path)> Answers { get; } = new();

    /// <summary>The answers other than success, a redirect (the launch link) or a retryable 503.</summary>
    public IReadOnlyList<(HttpStatusCode Status, string Path)> Unexpected() =>
        [.. Answers.Where(a => (int)a.Status is not (>= 200 and < 400) and not 503)];

    public string Summary() => string.Join(", ", Answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{(int)g.Key} × {g.Count()}"));

    /// <summary>The partner's API client and the customers' browser on <paramref name="service"/>'s API, both retrying 503s.</summary>
    public (OnboardingApiClient Api, LaunchLinkOpener Browser) Clients(OnboardingService service)
    {
        // CreateDefaultClient follows no redirects: the launch link's 302 is the answer the browser reads.
        var api = service.Api.CreateDefaultClient(OnboardingService.ApiBaseUrl, new RetryOn503(this));
        api.DefaultRequestHeaders.Add(OnboardingApiClient.ApiKeyHeader, OnboardingService.PartnerKey);
        return (new OnboardingApiClient(api), new LaunchLinkOpener(service.Api.CreateDefaultClient(OnboardingService.ApiBaseUrl, new RetryOn503(this))));
    }

    private sealed class RetryOn503(PartnerRetries retries) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // The body is sent again after a 503: buffer it once.
            if (request.Content is not null) await request.Content.LoadIntoBufferAsync(cancellationToken);
            for (var attempt = 1; ; attempt++)
            {
                var response = await base.SendAsync(request, cancellationToken);
                retries.Answers.Enqueue((response.StatusCode, request.RequestUri!.AbsolutePath));
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == MaxAttempts) return response;
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var retryAfter = response.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException($"a 503 without Retry-After for {request.RequestUri!.AbsolutePath}");
                response.Dispose();
                await Task.Delay(retryAfter, cancellationToken);
            }
        }
    }
}

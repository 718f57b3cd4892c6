using System.Collections.Concurrent;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Onboarding.Silo.Retries;

namespace Onboarding.Silo.Aws.Sns;

/// <summary>
/// One <see cref="HttpClient"/> per region, created on first use and kept, whose handlers retry
/// (<see cref="SnsRetries"/>), then read the answer within the attempt, then sign: the SDK's
/// <see cref="SigV4SigningHandler"/> signs every attempt anew for service "sns" in that region (a replayed
/// signature could fall outside SigV4's clock-skew window), so no signing code lives here.
/// </summary>
internal sealed class SnsRegionalHttpClients(AWSCredentials credentials, SnsClientOptions options, ILogger logger, Func<HttpMessageHandler> transportFactory)
    : IDisposable
{
    public const string SigningService = "sns";

    // Lazy: GetOrAdd may run its factory twice under a race; only one client must be built and kept.
    private readonly ConcurrentDictionary<string, Lazy<SnsRegionalHttpClient>> _clients = new(StringComparer.Ordinal);

    public SnsRegionalHttpClient For(string region)
    {
        SnsRegion.ThrowIfInvalid(region);
        return _clients.GetOrAdd(region, r => new Lazy<SnsRegionalHttpClient>(() => Create(r))).Value;
    }

    /// <summary>The production transport. Redirects stay off: a followed redirect would not be re-signed.</summary>
    public static HttpMessageHandler DefaultTransport() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        // Re-resolve DNS now and then: regional endpoints move between addresses.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Http.Dispose();
        }
    }

    private SnsRegionalHttpClient Create(string region)
    {
        var regionEndpoint = RegionEndpoint.GetBySystemName(region);
        var endpoint = options.ServiceUrl ?? new Uri($"https://{SigningService}.{region}.{regionEndpoint.PartitionDnsSuffix}/");
        var signer = new SigV4SigningHandler(credentials, regionEndpoint, SigningService, transportFactory());
        var retries = new ResilienceHandler(SnsRetries.Pipeline(region, options.Retry, logger))
        {
            InnerHandler = new ResponseBuffering { InnerHandler = signer },
        };
        // No client-wide timeout: the pipeline times each attempt, and tells a timeout from the caller's cancellation.
        var http = new HttpClient(retries, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        return new SnsRegionalHttpClient(http, endpoint);
    }
}

internal sealed record SnsRegionalHttpClient(HttpClient Http, Uri Endpoint);

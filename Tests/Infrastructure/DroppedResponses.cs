using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Onboarding.Dependencies;
using Onboarding.Silo.Dependencies;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// The SDK's HTTP client factory with a handler that, when armed for a DynamoDB operation, forwards the
/// next such request to the server and then drops its response (a connection reset after the server
/// acted): the SDK retries a request that has already landed, as it would on a flaky network.
/// </summary>
public sealed class DroppedResponses : HttpClientFactory, IDisposable
{
    private const string TargetPrefix = "DynamoDB_20120810.";
    private string? _armedOperation;
    private Func<Task>? _meanwhile;
    private int _dropped;
    private readonly List<AmazonDynamoDBClient> _clients = [];

    /// <summary>How many responses were dropped so far.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>
    /// Drops the response to the next request of <paramref name="operation"/> (e.g. "PutItem"), after running
    /// <paramref name="meanwhile"/> (another writer acting between the landed request and the SDK's retry).
    /// </summary>
    public void DropNextResponseTo(string operation, Func<Task>? meanwhile = null)
    {
        _meanwhile = meanwhile;
        Volatile.Write(ref _armedOperation, operation);
    }

    /// <summary>
    /// A DynamoDB client on the stand-in whose requests pass through this factory's handler (disposed with it).
    /// Without <paramref name="sdkRetries"/> the caller gets the dropped response's failure, as after a timeout.
    /// </summary>
    public AmazonDynamoDBClient DynamoDbClient(LocalAwsStandIns aws, bool sdkRetries = true)
    {
        var client = new AmazonDynamoDBClient(StandInClients.Credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = aws.DynamoDbUrl.ToString(),
            AuthenticationRegion = "us-east-1",
            HttpClientFactory = this,
            MaxErrorRetry = sdkRetries ? new AmazonDynamoDBConfig().MaxErrorRetry : 0,
        });
        // As the silo's clients are: a failure names the dependency it came from.
        DependencyFailureTag.MarkFailuresOf(client, DependencyNames.DynamoDb);
        lock (_clients) _clients.Add(client);
        return client;
    }

    public void Dispose()
    {
        lock (_clients) _clients.ForEach(client => client.Dispose());
    }

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new DroppingHandler(this));

    // Each client gets its own HttpClient through this factory; the SDK must not share one across configs.
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    private bool TakeDrop(HttpRequestMessage request)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.FirstOrDefault() : null;
        var armed = Volatile.Read(ref _armedOperation);
        return armed is not null && target == TargetPrefix + armed
            && Interlocked.CompareExchange(ref _armedOperation, null, armed) == armed;
    }

    private sealed class DroppingHandler(DroppedResponses owner) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var drop = owner.TakeDrop(request);
            var response = await base.SendAsync(request, cancellationToken);
            if (!drop) return response;

            // The server has acted on the request; the caller never hears of it.
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            response.Dispose();
            Interlocked.Increment(ref owner._dropped);
            if (owner._meanwhile is { } meanwhile) await meanwhile();
            throw new HttpRequestException("response dropped by the test", new IOException("connection reset by peer"));
        }
    }
}

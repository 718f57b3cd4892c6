using System.Xml.Linq;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Onboarding.Dependencies;
using Onboarding.Silo.Configuration;
using Onboarding.Silo.Dependencies;
using Polly.Timeout;

namespace Onboarding.Silo.Aws.Sns;

/// <summary>
/// SNS over the Query API: form-encoded POSTs signed by the AWS SDK's SigV4 handler, XML answers.
/// Throttling, 5xx answers, network errors and attempt timeouts are retried by the HTTP clients' resilience
/// handlers (<see cref="SnsRetries"/>, which also says why a retried Publish is acceptable); other errors
/// are thrown at once as typed <see cref="SnsException"/>s.
/// </summary>
public sealed class SnsClient : ISnsClient, IDisposable
{
    private readonly SnsRegionalHttpClients _clients;

    public SnsClient(AWSCredentials credentials, IOptions<SnsClientOptions> options, ILogger<SnsClient>? logger = null)
        : this(credentials, options.Value, logger, SnsRegionalHttpClients.DefaultTransport)
    {
    }

    /// <param name="transportFactory">
    /// Builds the handler under the signer (one per region), so it sees every attempt. Tests put a recording
    /// or scripted handler here.
    /// </param>
    internal SnsClient(AWSCredentials credentials, SnsClientOptions options, ILogger? logger, Func<HttpMessageHandler> transportFactory)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ValidatedOptions.Require(new SnsClientOptionsValidator(), null, options);
        _clients = new SnsRegionalHttpClients(credentials, options, logger ?? NullLogger.Instance, transportFactory);
    }

    public async Task<string> CreateTopicAsync(string region, string name, CancellationToken cancellationToken = default)
    {
        SnsRegion.ThrowIfInvalid(region);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var result = await SendAsync(region, new SnsQuery("CreateTopic").Add("Name", name), cancellationToken);
        return result.Required("TopicArn");
    }

    public async Task<IReadOnlyDictionary<string, string>> GetTopicAttributesAsync(string topicArn, CancellationToken cancellationToken = default)
    {
        var arn = SnsTopicArn.Parse(topicArn);
        var result = await SendAsync(arn.Region, new SnsQuery("GetTopicAttributes").Add("TopicArn", topicArn), cancellationToken);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in result.Child("Attributes")?.Children("entry") ?? [])
        {
            attributes[entry.Required("key")] = entry.Child("value")?.Value ?? string.Empty;
        }
        return attributes;
    }

    public async Task SetTopicAttributeAsync(string topicArn, string name, string value, CancellationToken cancellationToken = default)
    {
        var arn = SnsTopicArn.Parse(topicArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        var query = new SnsQuery("SetTopicAttributes")
            .Add("TopicArn", topicArn)
            .Add("AttributeName", name)
            .Add("AttributeValue", value);
        await SendAsync(arn.Region, query, cancellationToken);
    }

    public async Task<string> SubscribeAsync(
        string topicArn,
        string protocol,
        string endpoint,
        IReadOnlyDictionary<string, string>? attributes = null,
        CancellationToken cancellationToken = default)
    {
        var arn = SnsTopicArn.Parse(topicArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(protocol);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        var query = new SnsQuery("Subscribe")
            .Add("TopicArn", topicArn)
            .Add("Protocol", protocol)
            .Add("Endpoint", endpoint)
            .AddMap("Attributes", attributes);
        var result = await SendAsync(arn.Region, query, cancellationToken);
        return result.Required("SubscriptionArn");
    }

    public async Task<IReadOnlyList<SnsSubscription>> ListSubscriptionsByTopicAsync(string topicArn, CancellationToken cancellationToken = default)
    {
        var arn = SnsTopicArn.Parse(topicArn);
        var subscriptions = new List<SnsSubscription>();
        string? nextToken = null;
        do
        {
            var query = new SnsQuery("ListSubscriptionsByTopic").Add("TopicArn", topicArn);
            if (nextToken is not null) query.Add("NextToken", nextToken);
            var result = await SendAsync(arn.Region, query, cancellationToken);
            foreach (var member in result.Child("Subscriptions")?.Children("member") ?? [])
            {
                subscriptions.Add(new SnsSubscription(
                    member.Required("SubscriptionArn"),
                    member.Required("TopicArn"),
                    member.Required("Protocol"),
                    member.Required("Endpoint"),
                    member.Child("Owner")?.Value ?? string.Empty));
            }
            nextToken = result.Child("NextToken")?.Value;
        }
        while (!string.IsNullOrEmpty(nextToken));
        return subscriptions;
    }

    public async Task<string> PublishAsync(string topicArn, string message, string? subject = null, CancellationToken cancellationToken = default)
    {
        var arn = SnsTopicArn.Parse(topicArn);
        ArgumentException.ThrowIfNullOrEmpty(message);
        var query = new SnsQuery("Publish").Add("TopicArn", topicArn).Add("Message", message);
        if (subject is not null) query.Add("Subject", subject);
        var result = await SendAsync(arn.Region, query, cancellationToken);
        return result.Required("MessageId");
    }

    public void Dispose() => _clients.Dispose();

    private async Task<XElement> SendAsync(string region, SnsQuery query, CancellationToken cancellationToken)
    {
        try
        {
            return await ExchangeAsync(region, query, cancellationToken);
        }
        catch (Exception exception) when (DependencyFailureTag.Mark(exception, DependencyNames.Sns))
        {
            throw; // never reached: marking is all the filter does
        }
    }

    /// <summary>One call: the client's handlers retry and sign each attempt (<see cref="SnsRetries"/>); this reads the final answer.</summary>
    private async Task<XElement> ExchangeAsync(string region, SnsQuery query, CancellationToken cancellationToken)
    {
        var client = _clients.For(region);
        using var request = new HttpRequestMessage(HttpMethod.Post, client.Endpoint) { Content = query.ToContent() };
        request.Options.Set(SnsRetries.Action, query.Action);
        try
        {
            using var response = await client.Http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw SnsXml.ReadError(response.StatusCode, response.ReasonPhrase, body);
            }
            return SnsXml.ReadResult(query.Action, body);
        }
        catch (TimeoutRejectedException timeout)
        {
            // Tagged as SNS's, a TimeoutException reads as "SNS did not answer" (DependencyOutages): keep Polly's type inside.
            throw new TimeoutException($"SNS {query.Action} got no answer within {timeout.Timeout}.", timeout);
        }
    }
}

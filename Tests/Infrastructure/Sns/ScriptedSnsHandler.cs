using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Onboarding.Tests.Infrastructure.Sns;

/// <summary>Answers each request with the next scripted answer and counts the attempts (no network).</summary>
internal sealed class ScriptedSnsHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
{
    private int _attempts;

    public int Attempts => _attempts;

    /// <summary>The form bodies as sent, in order.</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Bodies.Enqueue(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
        var attempt = Interlocked.Increment(ref _attempts);
        // The last answer repeats, so "always throttled" is a one-element script.
        return answers[Math.Min(attempt, answers.Length) - 1]();
    }

    public static HttpResponseMessage Error(HttpStatusCode status, string code) => Xml(status, $"""
        <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <Error><Type>Sender</Type><Code>{code}</Code><Message>scripted {code}</Message></Error>
          <RequestId>req-{code}</RequestId>
        </ErrorResponse>
        """);

    /// <summary>A Publish answer without the SNS namespace, which the client must read all the same.</summary>
    public static HttpResponseMessage PublishOk(string messageId) => Xml(HttpStatusCode.OK, $"""
        <PublishResponse><PublishResult><MessageId>{messageId}</MessageId></PublishResult></PublishResponse>
        """);

    public static HttpResponseMessage SubscriptionsPage(string topicArn, string subscriptionId, string? nextToken) => Xml(HttpStatusCode.OK, $"""
        <ListSubscriptionsByTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <ListSubscriptionsByTopicResult>
            <Subscriptions><member>
              <TopicArn>{topicArn}</TopicArn><Protocol>sqs</Protocol><SubscriptionArn>{topicArn}:{subscriptionId}</SubscriptionArn>
              <Owner>123456789012</Owner><Endpoint>arn:aws:sqs:eu-west-1:123456789012:q</Endpoint>
            </member></Subscriptions>
            {(nextToken is null ? "" : $"<NextToken>{nextToken}</NextToken>")}
          </ListSubscriptionsByTopicResult>
          <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
        </ListSubscriptionsByTopicResponse>
        """);

    public static HttpResponseMessage NetworkFailure() => throw new HttpRequestException(HttpRequestError.ConnectionError);

    private static HttpResponseMessage Xml(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };
}

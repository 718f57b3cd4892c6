using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Onboarding.Silo.Retries;
using Polly;

namespace Onboarding.Silo.Aws.Sns;

/// <summary>
/// What SNS calls retry: throttling, which SNS answers as HTTP 400 with an XML error code (<c>Throttling</c>,
/// <c>ThrottlingException</c>, …), 5xx, 408 and 429 answers, network errors and attempt timeouts. Every other
/// 4xx would fail again and is final.
/// </summary>
/// <remarks>
/// The Query API POSTs every action, and these POSTs are retried. CreateTopic, SetTopicAttributes, Subscribe
/// and the reads give the same result when repeated; a Publish whose first attempt reached SNS may publish
/// twice, which is acceptable only because every partner notification carries an EventId its receivers drop
/// duplicates by (SNS→SQS delivery is at-least-once anyway). No circuit breaker: a grain call's budget
/// already bounds the time an SNS outage costs (answered 503 with Retry-After), and a breaker opened by one
/// topic's throttling would refuse the calls to every other topic of its region.
/// </remarks>
internal static class SnsRetries
{
    /// <summary>The SNS action a request performs, for the retry log line.</summary>
    public static readonly HttpRequestOptionsKey<string> Action = new("Onboarding.SnsAction");

    /// <summary>The pipeline of one region's client: one per authority, as each region has its own endpoint.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Pipeline(string region, HttpRetryOptions options, ILogger logger) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddHttpRetries(options, IsTransientAsync, async args =>
            {
                var action = args.Context.GetRequestMessage()?.Options.TryGetValue(Action, out var name) == true ? name : "call";
                var reason = args.Outcome.Result is { } response ? (await ReadErrorAsync(response)).Code : HttpRetryPipeline.Describe(args.Outcome);
                SnsClientLog.Retrying(logger, action, region, args.AttemptNumber + 1, options.MaxAttempts, reason, args.RetryDelay);
            })
            .Build();

    private static async ValueTask<bool> IsTransientAsync(Outcome<HttpResponseMessage> outcome) =>
        HttpClientResiliencePredicates.IsTransient(outcome)
        || (outcome.Result is { IsSuccessStatusCode: false } response && SnsErrorCodes.IsTransient(await ReadErrorAsync(response)));

    // The body is in memory already (ResponseBuffering read it within the attempt), and stays readable for the client.
    private static async Task<SnsException> ReadErrorAsync(HttpResponseMessage response) =>
        SnsXml.ReadError(response.StatusCode, response.ReasonPhrase, await response.Content.ReadAsStringAsync());
}

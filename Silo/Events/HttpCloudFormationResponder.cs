using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Events;
using Onboarding.Grains.Events;
using Onboarding.Grains.Ports;
using Onboarding.Silo.Retries;
using Polly;
using Polly.Timeout;

namespace Onboarding.Silo.Events;

/// <summary>
/// PUTs answers to CloudFormation's presigned S3 ResponseURL. The body goes without a Content-Type
/// header: the URL was signed without one, and S3-compatible servers refuse an empty one. Redirects are
/// never followed (the client is built that way): a redirect could point anywhere. The client's
/// resilience handler retries (<see cref="ConfigureRetries"/>).
/// </summary>
public sealed class HttpCloudFormationResponder(
    IHttpClientFactory httpClients,
    IOptionsMonitor<HttpRetryOptions> options,
    ILogger<HttpCloudFormationResponder> logger) : ICloudFormationResponder
{
    /// <summary>The name of the HttpClient, of its retry options and of their configuration section.</summary>
    public const string HttpClientName = "CloudFormationResponder";

    // Reading the options validates them: settings the pipeline could not run with fail when the responder is
    // built (at start-up), not at the first answer. The pipeline itself reads them in ConfigureRetries.
    private readonly HttpRetryOptions _validatedRetries = options.Get(HttpClientName);

    public async Task<AnswerDelivery> SendAsync(Uri responseUrl, CustomResourceAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        if (!responseUrl.IsAbsoluteUri) throw new ArgumentException("ResponseURL must be absolute.", nameof(responseUrl));
        var body = CustomResourceAnswerJson.Serialize(answer);
        var target = Loggable(responseUrl);
        // Carries the caller's cancellation into the retries and the number of attempts back out.
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var (statusCode, error) = await PutAsync(responseUrl, body, context);
            var attempts = HttpRetryPipeline.Attempts(context);
            if (error is null)
            {
                CloudFormationResponderLog.Delivered(logger, answer.Status, answer.RequestId, target, statusCode!.Value, attempts);
                return new AnswerDelivery(true, attempts, statusCode, null);
            }
            CloudFormationResponderLog.NotDelivered(logger, answer.Status, answer.RequestId, target, attempts, error);
            return new AnswerDelivery(false, attempts, statusCode, error);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// The answer PUT's retries: 5xx, 408 and 429 answers, network errors and attempt timeouts (the standard
    /// transient set); any other answer (403 expired signature, 3xx) would fail again. A PUT of the same body
    /// to the same key is safe to repeat.
    /// </summary>
    /// <remarks>
    /// No circuit breaker: answers are few (one per stack event), each one's retries are already bounded by
    /// CloudFormation's deadline (the caller's cancellation), and every answer a breaker refused would be a
    /// customer's stack rolled back. Without a breaker the pipeline holds no state, so one pipeline serves
    /// every answer bucket: one region's trouble cannot hold back the answers to another.
    /// </remarks>
    internal static void ConfigureRetries(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var retries = context.GetOptions<HttpRetryOptions>(HttpClientName);
        var logger = context.ServiceProvider.GetRequiredService<ILogger<HttpCloudFormationResponder>>();
        pipeline.AddHttpRetries(
            retries,
            outcome => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(outcome)),
            args =>
            {
                var target = args.Context.GetRequestMessage()?.RequestUri is { } url ? Loggable(url) : "?";
                CloudFormationResponderLog.Retrying(logger, target, args.AttemptNumber + 1, retries.MaxAttempts, HttpRetryPipeline.Describe(args.Outcome), args.RetryDelay);
                return default;
            });
    }

    /// <summary>The last attempt's status code, and why the answer was not accepted (null when it was).</summary>
    private async Task<(int? StatusCode, string? Error)> PutAsync(Uri url, byte[] body, ResilienceContext context)
    {
        try
        {
            // ByteArrayContent sets no Content-Type, and HttpClient adds none; every attempt sends the same content.
            using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(body) };
            request.SetResilienceContext(context);
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.CancellationToken);
            var status = (int)response.StatusCode;
            return (status, response.IsSuccessStatusCode ? null : HttpRetryPipeline.Describe(Outcome.FromResult(response)));
        }
        catch (Exception error) when (error is HttpRequestException or TimeoutRejectedException)
        {
            // The error kind only: exception messages may quote the URL.
            return (null, HttpRetryPipeline.Describe(Outcome.FromException<HttpResponseMessage>(error)));
        }
    }

    /// <summary>Scheme, host, port and path: never user info or the query (it carries the signature).</summary>
    internal static string Loggable(Uri url) =>
        url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
}

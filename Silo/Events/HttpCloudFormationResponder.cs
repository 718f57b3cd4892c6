using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Events;
using Onboarding.Grains.Events;
using Onboarding.Grains.Ports;
using Onboarding.Silo.Retries;

namespace Onboarding.Silo.Events;

/// <summary>
/// PUTs answers to CloudFormation's presigned S3 ResponseURL. The body goes without a Content-Type
/// header: the URL was signed without one, and S3-compatible servers refuse an empty one. Redirects are
/// never followed (the client is built that way): a redirect could point anywhere.
/// </summary>
public sealed class HttpCloudFormationResponder(
    IHttpClientFactory httpClients,
    IOptions<CloudFormationResponderOptions> options,
    ILogger<HttpCloudFormationResponder> logger,
    TimeProvider? timeProvider = null) : ICloudFormationResponder
{
    public const string HttpClientName = "CloudFormationResponder";

    private const int TooManyRequests = (int)HttpStatusCode.TooManyRequests;
    private const int FirstServerError = 500;

    private readonly CloudFormationResponderOptions _options = options.Value;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<AnswerDelivery> SendAsync(Uri responseUrl, CustomResourceAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        if (!responseUrl.IsAbsoluteUri) throw new ArgumentException("ResponseURL must be absolute.", nameof(responseUrl));
        var body = CustomResourceAnswerJson.Serialize(answer);
        var target = Loggable(responseUrl);
        var http = httpClients.CreateClient(HttpClientName);

        for (var attempt = 1; ; attempt++)
        {
            var outcome = await SendOnceAsync(http, responseUrl, body, cancellationToken);
            if (outcome.Delivered)
            {
                CloudFormationResponderLog.Delivered(logger, answer.Status, answer.RequestId, target, outcome.StatusCode!.Value, attempt);
                return new AnswerDelivery(true, attempt, outcome.StatusCode, null);
            }
            if (!outcome.Transient || attempt >= _options.MaxAttempts)
            {
                CloudFormationResponderLog.NotDelivered(logger, answer.Status, answer.RequestId, target, attempt, outcome.Error!);
                return new AnswerDelivery(false, attempt, outcome.StatusCode, outcome.Error);
            }
            var delay = FullJitterBackoff.Delay(attempt, _options.BaseDelay, _options.MaxDelay);
            CloudFormationResponderLog.Retrying(logger, target, attempt, _options.MaxAttempts, outcome.Error!, delay);
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    private async Task<AttemptOutcome> SendOnceAsync(HttpClient http, Uri url, byte[] body, CancellationToken cancellationToken)
    {
        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptTimeout.CancelAfter(_options.AttemptTimeout);
        try
        {
            // ByteArrayContent sets no Content-Type, and HttpClient adds none.
            using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(body) };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return new AttemptOutcome(true, false, status, null);
            // 5xx and 429 may pass on a retry; other answers (403 expired signature, 3xx) will not.
            var transient = status >= FirstServerError || status == TooManyRequests;
            return new AttemptOutcome(false, transient, status, $"HTTP {status} {response.ReasonPhrase}".TrimEnd());
        }
        catch (HttpRequestException error)
        {
            // The error kind only: exception messages may quote the URL.
            return new AttemptOutcome(false, true, null, $"network error {error.HttpRequestError}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(false, true, null, $"no answer within {_options.AttemptTimeout}");
        }
    }

    /// <summary>Scheme, host, port and path: never user info or the query (it carries the signature).</summary>
    internal static string Loggable(Uri url) =>
        url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    private readonly record struct AttemptOutcome(bool Delivered, bool Transient, int? StatusCode, string? Error);
}

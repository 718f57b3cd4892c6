using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Onboarding.Silo.Retries;

/// <summary>
/// The retry pipeline of the service's HTTP clients, run by a <see cref="ResilienceHandler"/>: an optional
/// total timeout, then retries with exponential backoff and jitter, then a timeout per attempt. The handlers
/// below it (the SigV4 signer, the transport) run once per attempt.
/// </summary>
internal static class HttpRetryPipeline
{
    private static readonly ResiliencePropertyKey<int> AttemptsKey = new("Onboarding.Attempts");

    public static ResiliencePipelineBuilder<HttpResponseMessage> AddHttpRetries(
        this ResiliencePipelineBuilder<HttpResponseMessage> pipeline,
        HttpRetryOptions options,
        Func<Outcome<HttpResponseMessage>, ValueTask<bool>> isTransient,
        Func<OnRetryArguments<HttpResponseMessage>, ValueTask> onRetry)
    {
        if (options.TotalTimeout is { } total) pipeline.AddTimeout(total);
        if (options.MaxAttempts > 1)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                // The pauses are ours to bound: a server's Retry-After of minutes would sleep through the caller's budget.
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => isTransient(args.Outcome),
                OnRetry = args =>
                {
                    // AttemptNumber counts from 0: the attempt that failed was number AttemptNumber + 1.
                    args.Context.Properties.Set(AttemptsKey, args.AttemptNumber + 2);
                    return onRetry(args);
                },
            });
        }
        return pipeline.AddTimeout(options.AttemptTimeout);
    }

    /// <summary>Attempts made for the request that carried <paramref name="context"/>, the first included.</summary>
    public static int Attempts(ResilienceContext context) => context.Properties.GetValue(AttemptsKey, 1);

    /// <summary>Why an attempt failed, never with its URL (a presigned query string is a credential) or exception text.</summary>
    public static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException error } => $"network error {error.HttpRequestError}",
        { Exception: TimeoutRejectedException timeout } => $"no answer within {timeout.Timeout}",
        { Exception: { } other } => other.GetType().Name,
        { Result: { } response } => $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd(),
        _ => "no answer",
    };
}

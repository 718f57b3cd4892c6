namespace Onboarding.Silo.Retries;

/// <summary>
/// Capped exponential backoff with full jitter: spreads the retries of many callers that failed
/// together instead of having them come back in lock-step.
/// </summary>
internal static class FullJitterBackoff
{
    // Clamp the exponent: attempts are few anyway, and the cap is what counts.
    private const int MaxDoublings = 30;

    /// <param name="retry">1 for the wait before the second attempt, 2 before the third, ...</param>
    public static TimeSpan Delay(int retry, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponential = baseDelay.Ticks * Math.Pow(2, Math.Min(retry - 1, MaxDoublings));
        var capped = Math.Min(exponential, maxDelay.Ticks);
        return TimeSpan.FromTicks((long)(capped * Random.Shared.NextDouble()));
    }
}

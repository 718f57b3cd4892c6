namespace Onboarding.Silo.Aws.Sns;

/// <summary>
/// Capped exponential backoff with full jitter: spreads the retries of many callers that were throttled
/// together instead of having them come back in lock-step.
/// </summary>
internal static class SnsBackoff
{
    /// <param name="retry">1 for the wait before the second attempt, 2 before the third, ...</param>
    public static TimeSpan Delay(int retry, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        // Double per retry but clamp the exponent: MaxAttempts ≤ 10 keeps it small anyway, and the cap is what counts.
        var exponential = baseDelay.Ticks * Math.Pow(2, Math.Min(retry - 1, 30));
        var capped = Math.Min(exponential, maxDelay.Ticks);
        return TimeSpan.FromTicks((long)(capped * Random.Shared.NextDouble()));
    }
}

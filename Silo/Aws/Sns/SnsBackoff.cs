using Onboarding.Silo.Retries;

namespace Onboarding.Silo.Aws.Sns;

/// <summary>SNS retries use the shared <see cref="FullJitterBackoff"/>.</summary>
internal static class SnsBackoff
{
    /// <param name="retry">1 for the wait before the second attempt, 2 before the third, ...</param>
    public static TimeSpan Delay(int retry, TimeSpan baseDelay, TimeSpan maxDelay) =>
        FullJitterBackoff.Delay(retry, baseDelay, maxDelay);
}

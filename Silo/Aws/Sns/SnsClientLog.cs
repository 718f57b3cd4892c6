using Microsoft.Extensions.Logging;

namespace Onboarding.Silo.Aws.Sns;

/// <summary>What the client logs: actions, regions, codes and timings only, never message bodies or credentials.</summary>
internal static partial class SnsClientLog
{
    [LoggerMessage(Level = LogLevel.Warning,
        Message = "SNS {Action} in {Region} failed on attempt {Attempt} of {MaxAttempts} ({Reason}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string action, string region, int attempt, int maxAttempts, string reason, TimeSpan delay);
}

using Microsoft.Extensions.Logging;

namespace Onboarding.Silo.Events;

/// <summary>
/// What the responder logs. The target is scheme, host and path only: the query string of a presigned
/// URL is a bearer credential for writing the answer.
/// </summary>
internal static partial class CloudFormationResponderLog
{
    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Answer to {Target} failed on attempt {Attempt} of {MaxAttempts} ({Reason}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string target, int attempt, int maxAttempts, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Answer {Status} for request {RequestId} delivered to {Target} (HTTP {StatusCode}, attempt {Attempt})")]
    public static partial void Delivered(ILogger logger, string status, string requestId, string target, int statusCode, int attempt);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Answer {Status} for request {RequestId} NOT delivered to {Target} after {Attempts} attempt(s): {Reason}")]
    public static partial void NotDelivered(ILogger logger, string status, string requestId, string target, int attempts, string reason);
}

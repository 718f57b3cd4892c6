using Microsoft.Extensions.Logging;
using Onboarding.Customers;

namespace Onboarding.Grains.Customers;

/// <summary>What a customer grain logs: account and request ids, never its external id, tokens or links.</summary>
internal static partial class CustomerLog
{
    [LoggerMessage(LogLevel.Information, "Onboarding started for account {AccountId} (attempt {Attempt}, region {Region})")]
    public static partial void Started(ILogger logger, string accountId, int attempt, string region);

    [LoggerMessage(LogLevel.Warning, "Security event: {RequestType} request {RequestId} of stack {StackId} claims account {AccountId} but was refused: {Detail}")]
    public static partial void SecurityEvent(ILogger logger, string accountId, string requestType, string stackId, string requestId, string detail);

    [LoggerMessage(LogLevel.Information, "Decided {RequestType} request {RequestId} for account {AccountId}: {Status}")]
    public static partial void Decided(ILogger logger, string accountId, string requestType, string requestId, string status);

    [LoggerMessage(LogLevel.Information, "Account {AccountId} moved from {From} to {To} on {Trigger}: {Reason}")]
    public static partial void Moved(ILogger logger, string accountId, OnboardingState from, OnboardingState to, OnboardingTrigger trigger, string reason);

    [LoggerMessage(LogLevel.Warning, "Work for account {AccountId} failed ({Effect}); retrying later")]
    public static partial void EffectFailed(ILogger logger, Exception exception, string accountId, string effect);
}

using Microsoft.Extensions.Options;

namespace Onboarding.Silo.Events;

/// <summary>Fails start-up with one message per wrong "Events" setting.</summary>
public sealed class EventIntakeOptionsValidator : IValidateOptions<EventIntakeOptions>
{
    public const int MaxReceivers = 32;
    public const int MaxWaitTimeSeconds = 20;
    public const int MaxMessagesPerReceive = 10;
    public const int MaxMessagesInFlight = 1000;
    /// <summary>SQS allows at most 12 hours of visibility.</summary>
    public static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromHours(12);

    public ValidateOptionsResult Validate(string? name, EventIntakeOptions options)
    {
        var failures = new List<string>();
        var section = EventIntakeOptions.SectionName;
        if (options.Receivers is < 1 or > MaxReceivers)
            failures.Add($"{section}:Receivers must be between 1 and {MaxReceivers} (got {options.Receivers}).");
        if (options.WaitTimeSeconds is < 0 or > MaxWaitTimeSeconds)
            failures.Add($"{section}:WaitTimeSeconds must be between 0 and {MaxWaitTimeSeconds} (got {options.WaitTimeSeconds}).");
        if (options.MaxMessages is < 1 or > MaxMessagesPerReceive)
            failures.Add($"{section}:MaxMessages must be between 1 and {MaxMessagesPerReceive} (got {options.MaxMessages}).");
        if (options.MaxInFlight is < 1 or > MaxMessagesInFlight)
            failures.Add($"{section}:MaxInFlight must be between 1 and {MaxMessagesInFlight} (got {options.MaxInFlight}).");
        if (options.VisibilityTimeout < TimeSpan.FromSeconds(2) || options.VisibilityTimeout > MaxVisibilityTimeout)
            failures.Add($"{section}:VisibilityTimeout must be between 2 seconds and 12 hours (got {options.VisibilityTimeout}).");
        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > options.VisibilityTimeout)
            failures.Add($"{section}:RetryDelay must be between zero and VisibilityTimeout (got {options.RetryDelay}).");
        if (options.AllowedResponseUrlOrigins.Count == 0)
            failures.Add($"{section}:AllowedResponseUrlOrigins must list where CloudFormation answers may go (e.g. https://*.s3.amazonaws.com).");
        foreach (var origin in options.AllowedResponseUrlOrigins.Where(o => !Uri.TryCreate(o.Replace("*", "wildcard", StringComparison.Ordinal), UriKind.Absolute, out _)))
            failures.Add($"{section}:AllowedResponseUrlOrigins has '{origin}', which is not an origin such as https://*.s3.amazonaws.com.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

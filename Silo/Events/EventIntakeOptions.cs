using Microsoft.Extensions.Options;

namespace Onboarding.Silo.Events;

/// <summary>How the silo takes custom-resource requests off the events queue (section "Events").</summary>
public sealed class EventIntakeOptions
{
    public const string SectionName = "Events";

    /// <summary>Off only for hosts that must not consume events (e.g. a silo dedicated to other work).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Concurrent long-polling receivers.</summary>
    public int Receivers { get; set; } = 2;

    /// <summary>SQS long-poll wait (0–20 s).</summary>
    public int WaitTimeSeconds { get; set; } = 20;

    /// <summary>Messages per receive (1–10).</summary>
    public int MaxMessages { get; set; } = 10;

    /// <summary>Messages worked on at once by this silo; receivers only take what fits.</summary>
    public int MaxInFlight { get; set; } = 40;

    /// <summary>How long a received message stays hidden; extended while its work runs.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A message whose answer could not be delivered comes back after this long.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where CloudFormation answers may be sent: origins such as https://*.s3.amazonaws.com.</summary>
    public List<string> AllowedResponseUrlOrigins { get; set; } = [];
}

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

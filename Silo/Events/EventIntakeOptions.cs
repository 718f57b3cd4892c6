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

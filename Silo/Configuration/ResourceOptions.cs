namespace Onboarding.Silo.Configuration;

/// <summary>Names of the AWS resources the service uses (section "Resources").</summary>
public sealed class ResourceOptions
{
    public const string SectionName = "Resources";

    public string GrainStateTable { get; set; } = "onboarding-grain-state";
    /// <summary>Durable reminders (only onboardings in flight hold one).</summary>
    public string RemindersTable { get; set; } = "onboarding-reminders";
    public string TemplateBucket { get; set; } = "";
    public string EventsQueue { get; set; } = "onboarding-events";
    public string EventsDeadLetterQueue { get; set; } = "onboarding-events-dlq";
    /// <summary>Receives after which an events message goes to the dead-letter queue.</summary>
    public int EventsMaxReceiveCount { get; set; } = 5;
    /// <summary>The partner's own topic for activation, update and removal notifications.</summary>
    public string NotificationsTopic { get; set; } = "onboarding-notifications";
}

namespace Onboarding.Grains.Whitelist;

/// <summary>How customer accounts are spread over event topics (section "Whitelist").</summary>
public sealed class WhitelistOptions
{
    public const string SectionName = "Whitelist";

    /// <summary>Event topics are named "{prefix}-{region}-{number}".</summary>
    public string TopicNamePrefix { get; set; } = "onboarding-events";

    /// <summary>
    /// An optional cap on accounts per topic, below what SNS's policy limits allow
    /// (lower it to keep policies small or to exercise topic roll-over).
    /// </summary>
    public int? MaxAccountsPerTopic { get; set; }

    /// <summary>How many full topics one whitelisting may step over before giving up.</summary>
    public int MaxTopicRollovers { get; set; } = 3;

    /// <summary>
    /// How often every topic's policy is rebuilt from the customer records (restoring entries another writer
    /// dropped, removing entries no record justifies).
    /// </summary>
    public TimeSpan ReconcilePeriod { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The pause between two topics of a periodic pass, so SNS sees a trickle rather than a burst.</summary>
    public TimeSpan ReconcileTopicInterval { get; set; } = TimeSpan.FromSeconds(5);
}

namespace Onboarding.Grains.TemplateVersions;

/// <summary>How the service finds customers whose stack runs an older template (section "TemplateVersions").</summary>
public sealed class TemplateVersionOptions
{
    public const string SectionName = "TemplateVersions";

    /// <summary>A full pass over the Active customers runs at start-up when the offered version changed, and then this often.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the sweep does a step (a reminder: at least a minute).</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Active customers one step looks at.</summary>
    public int VisitsPerTick { get; set; } = 500;

    /// <summary>
    /// CustomerTemplateOutdated notifications one step sends at most: when a change makes many customers outdated at once,
    /// the partner hears of them at this pace.
    /// </summary>
    public int NotificationsPerTick { get; set; } = 50;
}

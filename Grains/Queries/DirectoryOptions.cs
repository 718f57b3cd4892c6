namespace Onboarding.Grains.Queries;

/// <summary>Operators' queries (section "Directory").</summary>
public sealed class DirectoryOptions
{
    public const string SectionName = "Directory";

    /// <summary>
    /// How long /stats answers from its last count. Counting reads the whole state index, so a
    /// dashboard refreshing every few seconds must not pay that on every refresh; 0 counts every time.
    /// </summary>
    public TimeSpan StatsCacheFor { get; set; } = TimeSpan.FromSeconds(10);
}

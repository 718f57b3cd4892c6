namespace Onboarding.Grains.Queries;

/// <summary>Operators' queries (section "Directory").</summary>
public sealed class DirectoryOptions
{
    public const string SectionName = "Directory";

    /// <summary>
    /// How long /stats answers from its last read of the counters (one read per counter shard, whatever the number of
    /// customers); 0 reads them every time.
    /// </summary>
    public TimeSpan StatsCacheFor { get; set; } = TimeSpan.Zero;
}

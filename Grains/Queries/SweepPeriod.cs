namespace Onboarding.Grains.Queries;

/// <summary>When a periodic walk of the state index (the role check and template version sweeps) begins again (pure).</summary>
public static class SweepPeriod
{
    /// <summary>A sweep is due a period after the last one began (at once when none ever ran).</summary>
    public static bool Due(DateTimeOffset? lastSweepStartedAt, TimeSpan period, DateTimeOffset now) =>
        lastSweepStartedAt is not { } started || now >= started + period;
}

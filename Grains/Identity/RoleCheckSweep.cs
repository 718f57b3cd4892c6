namespace Onboarding.Grains.Identity;

/// <summary>How much of a sweep one tick does, so that a sweep of every Active customer takes one period (pure).</summary>
public static class RoleCheckSweep
{
    /// <summary>
    /// Customers one tick visits: the Active count spread evenly over the period's ticks, at least one, and at most what
    /// the AssumeRole pace allows in a tick (beyond it the calls would only queue).
    /// </summary>
    public static int Quota(long activeCustomers, TimeSpan tick, TimeSpan period, double maxAssumeRolePerSecond)
    {
        var ticksPerPeriod = Math.Max(1, period / tick);
        var spread = (long)Math.Ceiling(activeCustomers / ticksPerPeriod);
        var paced = (long)Math.Max(1, Math.Floor(maxAssumeRolePerSecond * tick.TotalSeconds));
        return (int)Math.Clamp(spread, 1, Math.Min(paced, 1_000));
    }
}

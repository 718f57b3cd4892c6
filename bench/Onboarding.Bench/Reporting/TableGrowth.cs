using Onboarding.Bench.Driving;

namespace Onboarding.Bench.Reporting;

/// <summary>Start latency measured in windows of consecutive starts, labelled with the table size when they ran.</summary>
public static class TableGrowth
{
    public sealed record Band(long CustomersInTable, int Starts, double P50Ms, double P95Ms, double P99Ms);

    public const int Window = 1_000;

    /// <summary>The first and the last window of the main run (the warm-up customers were already in the table).</summary>
    public static List<Band> FromMainRun(CustomerLoad.Result result, int alreadyCreated)
    {
        var ok = result.Outcomes.Where(o => o.Succeeded).ToList();
        if (ok.Count < 2 * Window) return [Of(ok, alreadyCreated)];
        return [Of(ok.Take(Window).ToList(), alreadyCreated), Of(ok.TakeLast(Window).ToList(), alreadyCreated + ok.Count - Window)];
    }

    public static Band Of(IReadOnlyList<CustomerLoad.Outcome> window, long tableSizeAtStart)
    {
        var summary = new LatencySeries(window.Select(o => o.StartMs)).Summarize();
        return new Band(tableSizeAtStart, window.Count, summary.P50, summary.P95, summary.P99);
    }
}

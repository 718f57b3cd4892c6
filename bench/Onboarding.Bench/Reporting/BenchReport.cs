using Onboarding.Bench.Driving;
using Onboarding.Bench.SiloHost;

namespace Onboarding.Bench.Reporting;

/// <summary>Every figure of one bench run (rendered as Markdown and JSON).</summary>
public sealed class BenchReport
{
    public required BenchOptions Options { get; init; }
    public required MachineDescription Machine { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public RunFigures? Floor { get; set; }
    public RunFigures? Service { get; set; }
    public long SiloPeakRssBytes { get; set; }
    public List<TableGrowth.Band> StartLatencyByTableSize { get; set; } = [];
    public MemoryFigures? Memory { get; set; }
    /// <summary>Mean customer-state payload in DynamoDB, service and floor (the floor's is meant to match).</summary>
    public double ServicePayloadBytes { get; set; }
    public double FloorPayloadBytes { get; set; }
    public ScaleFigures? Scale { get; set; }

    /// <summary>Service throughput over floor throughput (the goal is ≥ 0.7).</summary>
    public double? Ratio => Floor is null || Service is null ? null : Service.PerSecond / Floor.PerSecond;

    /// <summary>Start latency p99, service over floor (the goal for one customer at a time is ≤ 1.5).</summary>
    public double? StartP99Ratio => Floor is null || Service is null ? null : Service.StartMs.P99 / Floor.StartMs.P99;

    /// <summary>Publish→answer latency p99, service over floor (the goal for one customer at a time is ≤ 1.5).</summary>
    public double? AnswerP99Ratio => Floor is null || Service is null ? null : Service.AnswerMs.P99 / Floor.AnswerMs.P99;
}

/// <summary>One measured run: throughput, latencies, CPU, and AWS calls per onboarding.</summary>
public sealed record RunFigures(
    int Onboardings,
    int Failed,
    double Seconds,
    double PerSecond,
    LatencySeries.Summary StartMs,
    LatencySeries.Summary AnswerMs,
    Dictionary<string, double> CpuSeconds,
    Dictionary<string, double> CallsPerOnboarding,
    Dictionary<string, double> CustomerCallsPerOnboarding,
    Dictionary<string, double> MeanCallMs,
    List<string> FirstErrors,
    Dictionary<string, double> WritesPerOnboarding)
{
    /// <summary>The percentile ranks of <see cref="StartCurve"/> and <see cref="AnswerCurve"/>: 1 to 99, then the tail.</summary>
    public static IReadOnlyList<double> CurveRanks { get; } = [.. Enumerable.Range(1, 99).Select(p => (double)p), 99.5, 99.9, 100];

    /// <summary>Start latency at each of <see cref="CurveRanks"/>, ms (the distribution, for the charts).</summary>
    public List<double> StartCurve { get; init; } = [];

    /// <summary>Publish→answer latency at each of <see cref="CurveRanks"/>, ms.</summary>
    public List<double> AnswerCurve { get; init; } = [];

    public static RunFigures From(
        CustomerLoad.Result result, Dictionary<string, long> calls, Dictionary<string, long> customerCalls, Dictionary<string, double> cpuSeconds, Dictionary<string, long> waitedMs,
        Dictionary<string, long> writeUnits)
    {
        var n = Math.Max(1, result.Succeeded);
        return new RunFigures(
            result.Outcomes.Count,
            result.Outcomes.Count - result.Succeeded,
            result.Elapsed.TotalSeconds,
            result.PerSecond,
            result.StartLatency.Summarize(),
            result.AnswerLatency.Summarize(),
            cpuSeconds,
            calls.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => (double)c.Value / n),
            customerCalls.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => (double)c.Value / n),
            calls.Where(c => waitedMs.ContainsKey(c.Key)).ToDictionary(c => c.Key, c => (double)waitedMs[c.Key] / c.Value),
            [.. result.Errors.Take(5)],
            writeUnits.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => (double)c.Value / n))
        {
            StartCurve = [.. CurveRanks.Select(result.StartLatency.Percentile)],
            AnswerCurve = [.. CurveRanks.Select(result.AnswerLatency.Percentile)],
        };
    }

    /// <summary>Milliseconds an onboarding spends waiting for AWS calls (sum over operations of calls × mean latency; SQS receives excluded: they long-poll).</summary>
    public double AwsWaitMsPerOnboarding => CallsPerOnboarding
        .Where(c => MeanCallMs.ContainsKey(c.Key) && !c.Key.EndsWith(".ReceiveMessage", StringComparison.Ordinal))
        .Sum(c => c.Value * MeanCallMs[c.Key]);

    /// <summary>Calls per onboarding summed by service (DynamoDB, SNS, SQS, S3).</summary>
    public Dictionary<string, double> ByService(bool customerSide = false) =>
        (customerSide ? CustomerCallsPerOnboarding : CallsPerOnboarding)
            .GroupBy(c => Counting.AwsCallCounter.ServiceOf(c.Key))
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Value));
}

/// <summary>Memory of the silo with the run's customers resident, and after their activations were collected.</summary>
public sealed record MemoryFigures(SiloMemory.Snapshot Resident, SiloMemory.Snapshot Collected)
{
    public long CollectedActivations => Resident.CustomerActivations - Collected.CustomerActivations;

    /// <summary>Managed heap per customer activation: the heap freed by collecting them, divided by their number.</summary>
    public double HeapBytesPerActivation => CollectedActivations <= 0 ? double.NaN : (double)(Resident.HeapBytes - Collected.HeapBytes) / CollectedActivations;

    public static async Task<MemoryFigures> MeasureAsync(Processes.SiloProcess silo) =>
        new(await silo.MemoryAsync(), await silo.CollectActivationsAsync());
}

/// <summary>The scale run: start and /stats latency as the table grows, the recount's time, and memory with that many customers.</summary>
public sealed record ScaleFigures(int Customers, double Seconds, List<TableGrowth.Band> StartLatency, MemoryFigures Memory, long SiloPeakRssBytes, int Failed, List<string> FirstErrors, Dictionary<string, double> CallsPerStart)
{
    public List<ScaleCheckpoint> Checkpoints { get; init; } = [];
    /// <summary>Customers started through the API (the rest were written straight to the table).</summary>
    public long Started { get; init; }
    public Dictionary<string, double> WritesPerStart { get; init; } = [];
}

/// <summary>One checkpoint of the scale run: the last window of starts, /stats latency, and the recount of every customer.</summary>
public sealed record ScaleCheckpoint(long Customers, TableGrowth.Band Starts, double StatsP50Ms, double StatsP99Ms, double RecountSeconds, long Recounted);

using System.Diagnostics;
using Onboarding.Bench.Processes;
using Onboarding.Bench.Reporting;

namespace Onboarding.Bench.Driving;

/// <summary>
/// Fills the table with started onboardings (Templated customers: whitelisted, template stored, reminder
/// registered; the customer never launches the stack) up to <see cref="BenchOptions.Scale"/>, recording the
/// start latency of the last <see cref="TableGrowth.Window"/> starts before each checkpoint, then the
/// silo's memory with all of them resident and after their activations are collected.
/// </summary>
public sealed class ScaleRun(CustomerLoad load, IOnboardingTarget service, SiloProcess silo, BenchOptions options, Action<string> log)
{
    private static readonly int[] Checkpoints = [10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000];

    public async Task<ScaleFigures> RunAsync(int alreadyCreated)
    {
        var bands = new List<TableGrowth.Band>();
        var errors = new List<string>();
        var failed = 0;
        var inTable = (long)alreadyCreated;
        var scaleIndex = 0L;
        var countsBefore = await silo.CountsAsync();
        var clock = Stopwatch.StartNew();
        foreach (var checkpoint in Checkpoints.Where(c => c > inTable && c < options.Scale).Append(options.Scale))
        {
            var count = checkpoint - inTable;
            log($"scale: {inTable:N0} → {checkpoint:N0} customers");
            var result = await load.RunAsync(service, [.. Accounts.Range(Accounts.Scale, scaleIndex, count)], options.Concurrency, stackCreated: false,
                progress: new Progress<int>(n => { if (n % 5_000 == 0) log($"scale: +{n:N0}"); }));
            failed += result.Outcomes.Count - result.Succeeded;
            errors.AddRange(result.Errors.Take(5 - Math.Min(5, errors.Count)));
            var succeeded = result.Outcomes.Where(o => o.Succeeded).ToList();
            // The first window of start-only load is the baseline at the table size the scale run began with.
            if (bands.Count == 0 && succeeded.Count >= 2 * TableGrowth.Window)
                bands.Add(TableGrowth.Of(succeeded.Take(TableGrowth.Window).ToList(), inTable));
            var window = succeeded.TakeLast(TableGrowth.Window).ToList();
            bands.Add(TableGrowth.Of(window, checkpoint - window.Count));
            scaleIndex += count;
            inTable = checkpoint;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var created = options.Scale - alreadyCreated;
        var calls = Counting.AwsCallCounter.Between(countsBefore, await silo.CountsAsync())
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToDictionary(c => c.Key, c => (double)c.Value / Math.Max(1, created));
        log("scale: measuring memory");
        var memory = await MemoryFigures.MeasureAsync(silo);
        return new ScaleFigures(options.Scale, seconds, bands, memory, silo.Usage().PeakRssBytes, failed, errors, calls);
    }
}

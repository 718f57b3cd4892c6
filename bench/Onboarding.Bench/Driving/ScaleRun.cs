using System.Diagnostics;
using Onboarding.Bench.Processes;
using Onboarding.Bench.Reporting;

namespace Onboarding.Bench.Driving;

/// <summary>
/// Grows the table to <see cref="BenchOptions.Scale"/> customers and measures, at each checkpoint, what should not
/// grow with it: start latency (a window of <see cref="TableGrowth.Window"/> starts through the API; the customers stay
/// Templated), <c>/stats</c> latency (read from the counters, polled while the starts run), the write units of a start; and what does: the
/// recount of every customer from the state index (the repair, what <c>/stats</c> used to cost on every refresh).
/// Between windows the table is filled with copies of a Templated customer written straight to DynamoDB
/// (<see cref="DirectFill"/>; <c>--scale-fill api</c> starts them all through the API instead). Then the silo's memory
/// with the started customers resident and after their activations are collected.
/// </summary>
public sealed class ScaleRun(CustomerLoad load, IOnboardingTarget service, SiloProcess silo, OperatorApi operatorApi, DirectFill fill, BenchOptions options, Action<string> log)
{
    private static readonly int[] Checkpoints = [10_000, 25_000, 50_000, 100_000, 200_000, 300_000, 500_000, 1_000_000];
    private static readonly TimeSpan StatsPause = TimeSpan.FromMilliseconds(50);

    public async Task<ScaleFigures> RunAsync(int alreadyCreated)
    {
        var checkpoints = new List<ScaleCheckpoint>();
        var errors = new List<string>();
        var failed = 0;
        var inTable = (long)alreadyCreated;
        var scaleIndex = 0L;
        var started = 0L;
        var countsBefore = await silo.CountsAsync();
        var unitsBefore = await silo.WriteUnitsAsync();
        var clock = Stopwatch.StartNew();
        Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>? model = null;
        foreach (var checkpoint in Checkpoints.Where(c => c > inTable && c < options.Scale).Append(options.Scale))
        {
            if (options.ScaleFill == ScaleFill.Direct)
            {
                // The first copies are of a customer the service started at this size.
                model ??= await StartedCustomerAsync();
                var direct = Math.Max(0, checkpoint - TableGrowth.Window - inTable);
                log($"scale: {inTable:N0} → {inTable + direct:N0} customers written directly");
                await fill.WriteAsync(model, [.. Accounts.Range(Accounts.Scale, scaleIndex, direct)]);
                scaleIndex += direct;
                inTable += direct;
            }
            var viaApi = checkpoint - inTable;
            log($"scale: {inTable:N0} → {checkpoint:N0} customers started through the API");
            // /stats sampled while the starts run, as a dashboard polls while customers onboard.
            using var sampling = new CancellationTokenSource();
            var stats = SampleStatsAsync(sampling.Token);
            var result = await StartAsync(viaApi);
            await sampling.CancelAsync();
            var statsLatency = new LatencySeries(await stats).Summarize();
            var window = result.Outcomes.Where(o => o.Succeeded).TakeLast(TableGrowth.Window).ToList();
            var band = TableGrowth.Of(window, checkpoint - window.Count);
            // The counters know only the customers the service started: the recount brings the others in, and is timed.
            var recount = Stopwatch.StartNew();
            var repair = await operatorApi.RecountAsync();
            var recountSeconds = recount.Elapsed.TotalSeconds;
            checkpoints.Add(new ScaleCheckpoint(checkpoint, band, statsLatency.P50, statsLatency.P99, recountSeconds, repair.Customers));
            log($"scale: {checkpoint:N0}: start p50 {band.P50Ms:F1} ms, /stats p50 {statsLatency.P50:F1} ms, recount {recountSeconds:F1} s ({repair.Customers:N0} counted)");
            inTable = checkpoint;
        }
        var seconds = clock.Elapsed.TotalSeconds;

        async Task<CustomerLoad.Result> StartAsync(long count)
        {
            var result = await load.RunAsync(service, [.. Accounts.Range(Accounts.Scale, scaleIndex, count)], options.Concurrency, stackCreated: false,
                progress: new Progress<int>(n => { if (n % 5_000 == 0) log($"scale: +{n:N0}"); }));
            scaleIndex += count;
            inTable += count;
            started += count;
            failed += result.Outcomes.Count - result.Succeeded;
            errors.AddRange(result.Errors.Take(5 - Math.Min(5, errors.Count)));
            return result;
        }

        async Task<List<double>> SampleStatsAsync(CancellationToken stop)
        {
            var samples = new List<double>();
            while (!stop.IsCancellationRequested)
            {
                var call = Stopwatch.StartNew();
                await operatorApi.StatsAsync();
                samples.Add(call.Elapsed.TotalMilliseconds);
                try
                {
                    await Task.Delay(StatsPause, stop);
                }
                catch (OperationCanceledException)
                {
                }
            }
            return samples;
        }

        async Task<Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>> StartedCustomerAsync()
        {
            await StartAsync(1);
            return await fill.FindTemplatedAsync();
        }
        var perStart = (Func<Dictionary<string, long>, Dictionary<string, long>, Dictionary<string, double>>)((before, after) =>
            Counting.AwsCallCounter.Between(before, after).OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => (double)c.Value / Math.Max(1, started)));
        var calls = perStart(countsBefore, await silo.CountsAsync());
        var units = perStart(unitsBefore, await silo.WriteUnitsAsync());
        log("scale: measuring memory");
        var memory = await MemoryFigures.MeasureAsync(silo);
        return new ScaleFigures(options.Scale, seconds, [.. checkpoints.Select(c => c.Starts)], memory, silo.Usage().PeakRssBytes, failed, errors, calls)
        {
            Checkpoints = checkpoints,
            Started = started,
            WritesPerStart = units,
        };
    }
}

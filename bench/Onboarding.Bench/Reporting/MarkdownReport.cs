using System.Globalization;
using System.Text;
using Onboarding.Bench.Driving;

namespace Onboarding.Bench.Reporting;

/// <summary>The report as Markdown tables (what docs/benchmarks.md records).</summary>
public static class MarkdownReport
{
    private static readonly string[] Services = ["DynamoDB", "SNS", "SQS", "S3"];

    public static string Render(BenchReport r)
    {
        var md = new StringBuilder();
        var o = r.Options;
        md.AppendLine(CultureInfo.InvariantCulture, $"## Onboarding benchmark, {r.StartedAt:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {r.Machine.Cpu}, {r.Machine.Cores} cores, {Mb(r.Machine.MemoryBytes):F0} MB, {r.Machine.Os}, {r.Machine.Runtime}.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Command: `./bench/run.sh --onboardings {o.Onboardings} --concurrency {o.Concurrency} --warmup {o.Warmup}{(o.Scale > 0 ? $" --scale {o.Scale}" : "")}{(o.Scale > 0 && o.ScaleFill == ScaleFill.Api ? " --scale-fill api" : "")}{(o.Silos is { } silos ? $" --silos {silos}" : "")}{(o.SkipFloor ? " --skip-floor" : "")}{string.Concat(o.SiloSettings.Select(kv => $" --silo {kv.Key}={kv.Value}"))}`");
        md.AppendLine();

        md.AppendLine("| | service (API → silo → AWS) | floor (SDK calls only) |");
        md.AppendLine("|---|---:|---:|");
        Row(md, "onboardings/s", r.Service, r.Floor, f => F1(f.PerSecond));
        Row(md, "onboardings (failed)", r.Service, r.Floor, f => $"{f.Onboardings} ({f.Failed})");
        Row(md, "wall time, s", r.Service, r.Floor, f => F1(f.Seconds));
        Row(md, "start latency p50 / p95 / p99, ms", r.Service, r.Floor, f => Pcts(f.StartMs));
        Row(md, "publish→answer p50 / p95 / p99, ms", r.Service, r.Floor, f => Pcts(f.AnswerMs));
        foreach (var process in new[] { "silo", "api", "bench", "dynalite", "fauxqs" })
            Row(md, $"CPU s: {process}", r.Service, r.Floor, f => f.CpuSeconds.TryGetValue(process, out var s) ? F1(s) : "–");
        Row(md, "CPU s: all, per onboarding ms", r.Service, r.Floor, f => $"{F1(f.CpuSeconds.Values.Sum())}, {1000 * f.CpuSeconds.Values.Sum() / Math.Max(1, f.Onboardings):F1}");
        md.AppendLine(CultureInfo.InvariantCulture, $"| customer payload as stored, bytes (mean) | {r.ServicePayloadBytes:F0} | {r.FloorPayloadBytes:F0} |");
        foreach (var service in Services)
            Row(md, $"{service} calls / onboarding", r.Service, r.Floor, f => F2(f.ByService().GetValueOrDefault(service)));
        md.AppendLine();
        if (r.Ratio is { } ratio)
            md.AppendLine(CultureInfo.InvariantCulture, $"**Ratio service / floor throughput: {ratio:F2}** (goal ≥ 0.7).");
        if (r.StartP99Ratio is { } startRatio && r.AnswerP99Ratio is { } answerRatio)
            md.AppendLine(CultureInfo.InvariantCulture,
                $"**p99 service / floor: start {startRatio:F2}, publish→answer {answerRatio:F2}** (from {r.Service!.StartMs.Count:N0} / {r.Floor!.StartMs.Count:N0} starts and {r.Service.AnswerMs.Count:N0} / {r.Floor.AnswerMs.Count:N0} answers; goal ≤ 1.5 with one customer at a time).");
        if (r.Service is { } s)
        {
            var siloCpu = s.CpuSeconds.GetValueOrDefault("silo");
            md.AppendLine(CultureInfo.InvariantCulture, $"{(o.Silos is { } n ? $"{n} silo(s) on Redis membership" : "Silo")}: {F1(siloCpu)} CPU s for {s.Onboardings} onboardings ({1000 * siloCpu / Math.Max(1, s.Onboardings):F2} CPU ms each), peak RSS {Mb(r.SiloPeakRssBytes):F0} MB{(o.Silos > 1 ? " (the largest silo's)" : "")}. The bench row is the simulated customers (and, in the floor run, the floor's own calls).");
        }
        md.AppendLine();

        md.AppendLine("AWS calls per onboarding, by operation (counted where they leave the silo / the floor):");
        md.AppendLine();
        md.AppendLine("| operation | service: calls | floor: calls | service: mean ms | floor: mean ms |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        var operations = (r.Service?.CallsPerOnboarding.Keys.AsEnumerable() ?? []).Union(r.Floor?.CallsPerOnboarding.Keys.AsEnumerable() ?? []).Order(StringComparer.Ordinal);
        foreach (var op in operations)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {op} | {F2(r.Service?.CallsPerOnboarding.GetValueOrDefault(op))} | {F2(r.Floor?.CallsPerOnboarding.GetValueOrDefault(op))} | {Ms(r.Service, op)} | {Ms(r.Floor, op)} |");
        md.AppendLine();
        WriteUnitsSection(md, r);
        md.AppendLine(CultureInfo.InvariantCulture, $"Time an onboarding waits for AWS calls (calls × mean latency, SQS long polls excluded): service {F1(r.Service?.AwsWaitMsPerOnboarding ?? double.NaN)} ms, floor {F1(r.Floor?.AwsWaitMsPerOnboarding ?? double.NaN)} ms.");
        if (r.Service is { } sc)
        {
            md.AppendLine();
            md.AppendLine("Customer side (the simulated customer and CloudFormation, same code for both runs), per onboarding: " +
                string.Join(", ", sc.CustomerCallsPerOnboarding.Select(c => $"{c.Key} {F2(c.Value)}")) + ".");
        }
        md.AppendLine();

        if (r.Memory is { } m)
        {
            md.AppendLine("Memory (silo managed heap after a full compacting GC):");
            md.AppendLine();
            md.AppendLine("| | customer activations | managed heap, MB | working set, MB |");
            md.AppendLine("|---|---:|---:|---:|");
            md.AppendLine(CultureInfo.InvariantCulture, $"| resident after the runs | {m.Resident.CustomerActivations} | {Mb(m.Resident.HeapBytes):F1} | {Mb(m.Resident.WorkingSetBytes):F0} |");
            md.AppendLine(CultureInfo.InvariantCulture, $"| after collecting activations | {m.Collected.CustomerActivations} | {Mb(m.Collected.HeapBytes):F1} | {Mb(m.Collected.WorkingSetBytes):F0} |");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Per resident customer activation: {m.HeapBytesPerActivation / 1024:F1} KB of managed heap (so {m.HeapBytesPerActivation * 100_000 / (1024 * 1024):F0} MB per 100,000 resident customers; a collected activation leaves only what the reminder service keeps for customers still in flight).");
            md.AppendLine();
        }

        md.AppendLine("Start latency by customers already in the table:");
        md.AppendLine();
        md.AppendLine("| customers in table | starts | p50 ms | p95 ms | p99 ms |");
        md.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var band in r.StartLatencyByTableSize.Concat(r.Scale?.Checkpoints.Count > 0 ? [] : r.Scale?.StartLatency ?? []))
            md.AppendLine(CultureInfo.InvariantCulture, $"| {band.CustomersInTable:N0} | {band.Starts} | {F1(band.P50Ms)} | {F1(band.P95Ms)} | {F1(band.P99Ms)} |");
        if (r.Scale is { } scale)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Scale run ({(o.ScaleFill == ScaleFill.Direct ? "the table filled with copies of a started customer between windows of starts through the API" : "every customer started through the API")}), at each checkpoint: the last {TableGrowth.Window:N0} starts, `/stats` polled while they ran, and the recount of every customer from the state index (`POST /stats/recount`, what `/stats` used to cost on every refresh):");
            md.AppendLine();
            md.AppendLine("| customers in table | start p50 / p95 / p99, ms | `/stats` p50 / p99, ms | recount, s (customers counted) |");
            md.AppendLine("|---:|---:|---:|---:|");
            foreach (var c in scale.Checkpoints)
                md.AppendLine(CultureInfo.InvariantCulture, $"| {c.Customers:N0} | {F1(c.Starts.P50Ms)} / {F1(c.Starts.P95Ms)} / {F1(c.Starts.P99Ms)} | {F1(c.StatsP50Ms)} / {F1(c.StatsP99Ms)} | {F1(c.RecountSeconds)} ({c.Recounted:N0}) |");
            md.AppendLine();
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{scale.Customers:N0} customers in the table after {F1(scale.Seconds)} s ({scale.Started:N0} started through the API, {scale.Failed} failed); silo peak RSS {Mb(scale.SiloPeakRssBytes):F0} MB. " +
                $"With {scale.Memory.Resident.CustomerActivations:N0} customer activations resident the heap was {Mb(scale.Memory.Resident.HeapBytes):F0} MB; after collecting them {Mb(scale.Memory.Collected.HeapBytes):F0} MB " +
                $"({scale.Memory.HeapBytesPerActivation / 1024:F1} KB per activation). AWS calls per start through the API: ") +
                string.Join(", ", scale.CallsPerStart.Select(c => $"{c.Key} {F2(c.Value)}")) + ".");
            var writes = WriteRows(new RunFigures(0, 0, 0, 0, default!, default!, [], [], [], [], [], scale.WritesPerStart));
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"DynamoDB writes per start through the API: ") +
                string.Join(", ", writes.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Key} {F2(w.Value.Writes)} ({F2(w.Value.Units)} units, {w.Value.MeanBytes:F0} bytes)"))) + ".");
        }
        foreach (var error in (r.Service?.FirstErrors ?? []).Concat(r.Floor?.FirstErrors ?? []).Concat(r.Scale?.FirstErrors ?? []))
            md.AppendLine(CultureInfo.InvariantCulture, $"- error: {error}");
        return md.ToString();
    }

    /// <summary>DynamoDB writes and write units per onboarding, by what they write: tables (by grain type) and indexes.</summary>
    private static void WriteUnitsSection(StringBuilder md, BenchReport r)
    {
        var service = WriteRows(r.Service);
        var floor = WriteRows(r.Floor);
        if (service.Count + floor.Count == 0) return;
        md.AppendLine("DynamoDB writes per onboarding (write units as DynamoDB bills them: per started KB of the item, or of the index entry; mean bytes of the items and index entries put; see docs/benchmarks.md):");
        md.AppendLine();
        md.AppendLine("| what is written | service: writes | service: write units | service: mean bytes | floor: writes | floor: write units | floor: mean bytes |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var what in service.Keys.Union(floor.Keys).Order(StringComparer.Ordinal))
        {
            var sr = service.GetValueOrDefault(what);
            var fr = floor.GetValueOrDefault(what);
            md.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {F2(sr.Writes)} | {F2(sr.Units)} | {sr.MeanBytes:F0} | {F2(fr.Writes)} | {F2(fr.Units)} | {fr.MeanBytes:F0} |");
        }
        static double Table(Dictionary<string, WriteRow> rows, bool units) => rows.Where(w => !w.Key.StartsWith("index", StringComparison.Ordinal)).Sum(w => units ? w.Value.Units : w.Value.Writes);
        static double Index(Dictionary<string, WriteRow> rows) => rows.Where(w => w.Key.StartsWith("index", StringComparison.Ordinal)).Sum(w => w.Value.Units);
        md.AppendLine(CultureInfo.InvariantCulture, $"| **table writes / table write units** | **{F2(Table(service, false))}** | **{F2(Table(service, true))}** | | **{F2(Table(floor, false))}** | **{F2(Table(floor, true))}** | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **index write units** | | **{F2(Index(service))}** | | | **{F2(Index(floor))}** | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **all write units** | | **{F2(Table(service, true) + Index(service))}** | | | **{F2(Table(floor, true) + Index(floor))}** | |");
        var failed = r.Service?.WritesPerOnboarding.GetValueOrDefault(Counting.DynamoDbWriteUnits.FailedWrites) ?? 0;
        if (failed > 0) md.AppendLine(CultureInfo.InvariantCulture, $"\nFailed conditional writes (billed, not in the table above): {F2(failed)} per onboarding.");
        md.AppendLine();
    }

    internal readonly record struct WriteRow(double Writes, double Units, double Puts, double Bytes)
    {
        public double MeanBytes => Puts > 0 ? Bytes / Puts : double.NaN;
    }

    /// <summary>Writes, units and sizes per onboarding keyed by a name common to the service and the floor (their table names differ).</summary>
    internal static Dictionary<string, WriteRow> WriteRows(RunFigures? run)
    {
        var rows = new Dictionary<string, WriteRow>(StringComparer.Ordinal);
        foreach (var (key, value) in run?.WritesPerOnboarding ?? [])
        {
            var colon = key.IndexOf(':');
            if (colon < 0) continue;
            var (kind, target) = (key[..colon], key[(colon + 1)..]);
            var isIndex = kind is Counting.DynamoDbWriteUnits.IndexWrites or Counting.DynamoDbWriteUnits.IndexUnits
                or Counting.DynamoDbWriteUnits.EntriesPut or Counting.DynamoDbWriteUnits.EntryBytes;
            var what = isIndex ? $"index {target[(target.IndexOf('/') + 1)..]}"
                : target.Contains('#') ? $"{target[(target.IndexOf('#') + 1)..]} items"
                : target.Contains("reminder", StringComparison.Ordinal) ? "reminders" : target;
            var row = rows.GetValueOrDefault(what);
            rows[what] = kind switch
            {
                Counting.DynamoDbWriteUnits.TableRequests or Counting.DynamoDbWriteUnits.IndexWrites => row with { Writes = row.Writes + value },
                Counting.DynamoDbWriteUnits.TableUnits or Counting.DynamoDbWriteUnits.IndexUnits => row with { Units = row.Units + value },
                Counting.DynamoDbWriteUnits.ItemsPut or Counting.DynamoDbWriteUnits.EntriesPut => row with { Puts = row.Puts + value },
                Counting.DynamoDbWriteUnits.ItemBytes or Counting.DynamoDbWriteUnits.EntryBytes => row with { Bytes = row.Bytes + value },
                _ => row,
            };
        }
        return rows;
    }

    private static void Row(StringBuilder md, string label, RunFigures? service, RunFigures? floor, Func<RunFigures, string> value) =>
        md.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {(service is null ? "–" : value(service))} | {(floor is null ? "–" : value(floor))} |");

    private static string Ms(RunFigures? run, string op) => run?.MeanCallMs.TryGetValue(op, out var ms) == true ? F1(ms) : "–";

    private static string Pcts(Driving.LatencySeries.Summary s) => $"{F1(s.P50)} / {F1(s.P95)} / {F1(s.P99)}";
    private static string F1(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
    // Rare calls (a new topic every few thousand customers) keep their digits.
    private static string F2(double? v) => v is null ? "–" : v.Value.ToString(v.Value is > 0 and < 0.01 ? "F4" : "F2", CultureInfo.InvariantCulture);
    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
}

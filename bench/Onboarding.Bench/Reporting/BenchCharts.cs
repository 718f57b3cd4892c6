namespace Onboarding.Bench.Reporting;

/// <summary>The report's figures as SVG charts (<see cref="SvgChart"/>), written next to its JSON.</summary>
public static class BenchCharts
{
    /// <summary>Writes each chart the report has data for; returns the files written.</summary>
    public static async Task<List<string>> WriteAsync(BenchReport report, string directory, string stem)
    {
        var written = new List<string>();
        foreach (var (name, svg) in Render(report))
        {
            var path = Path.Combine(directory, $"{stem}-{name}.svg");
            await File.WriteAllTextAsync(path, svg);
            written.Add(path);
        }
        return written;
    }

    public static IEnumerable<(string Name, string Svg)> Render(BenchReport report)
    {
        if (report.Service is not null)
            yield return ("latency", Latency(report));
        if (report.Service is not null || report.Floor is not null)
            yield return ("writes", Writes(report));
        if (report.Scale is { Checkpoints.Count: > 0 } scale)
            yield return ("scale", Scale(scale));
    }

    /// <summary>Start and publish→answer latency by percentile rank, service and floor.</summary>
    private static string Latency(BenchReport report)
    {
        var series = new List<SvgChart.Series>();
        void Add(string name, List<double>? curve)
        {
            if (curve is { Count: > 0 }) series.Add(new(name, [.. RunFigures.CurveRanks.Zip(curve)]));
        }
        Add("start, service", report.Service?.StartCurve);
        Add("start, floor", report.Floor?.StartCurve);
        Add("publish→answer, service", report.Service?.AnswerCurve);
        Add("publish→answer, floor", report.Floor?.AnswerCurve);
        var c = report.Options.Concurrency;
        return SvgChart.Lines($"Latency distribution ({report.Service!.Onboardings:N0} onboardings, {c} concurrent)", "percentile", "ms", series);
    }

    /// <summary>Writes and write units per onboarding by what they write, service and floor.</summary>
    private static string Writes(BenchReport report)
    {
        var service = MarkdownReport.WriteRows(report.Service);
        var floor = MarkdownReport.WriteRows(report.Floor);
        var kinds = service.Keys.Union(floor.Keys).Where(k => service.GetValueOrDefault(k).Writes + floor.GetValueOrDefault(k).Writes >= 0.01)
            .Order(StringComparer.Ordinal).ToList();
        return SvgChart.Bars("DynamoDB writes per onboarding, by what they write", "per onboarding", kinds,
        [
            ("service: writes", [.. kinds.Select(k => service.GetValueOrDefault(k).Writes)]),
            ("service: write units", [.. kinds.Select(k => service.GetValueOrDefault(k).Units)]),
            ("floor: writes", [.. kinds.Select(k => floor.GetValueOrDefault(k).Writes)]),
            ("floor: write units", [.. kinds.Select(k => floor.GetValueOrDefault(k).Units)]),
        ]);
    }

    /// <summary>Start latency (p50, p99) and /stats latency (p99) against the customers in the table.</summary>
    private static string Scale(ScaleFigures scale)
    {
        var points = scale.Checkpoints;
        return SvgChart.Lines($"Latency as the table grows (to {scale.Customers:N0} customers)", "customers in the table", "ms",
        [
            new("start p50", [.. points.Select(p => ((double)p.Customers, p.Starts.P50Ms))]),
            new("start p99", [.. points.Select(p => ((double)p.Customers, p.Starts.P99Ms))]),
            new("GET /stats p99", [.. points.Select(p => ((double)p.Customers, p.StatsP99Ms))]),
        ], logX: true);
    }
}

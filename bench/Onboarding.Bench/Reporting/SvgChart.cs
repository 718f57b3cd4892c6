using System.Globalization;
using System.Net;
using System.Text;

namespace Onboarding.Bench.Reporting;

/// <summary>
/// Minimal SVG charts written by the bench itself (no external service, no library): line charts and grouped bars,
/// with axes, ticks and a legend, readable on GitHub and in any browser.
/// </summary>
public static class SvgChart
{
    public sealed record Series(string Name, IReadOnlyList<(double X, double Y)> Points);

    private const int Width = 720, Height = 400, Left = 70, Right = 20, Top = 40, Bottom = 60;
    private static readonly string[] Colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

    /// <summary>Lines through each series' points; <paramref name="logX"/> for values spanning decades (table sizes, latencies).</summary>
    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<Series> series, bool logX = false)
    {
        var points = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y) && (!logX || p.X > 0)).ToList();
        var svg = Open(title);
        if (points.Count == 0) return Close(svg);
        var (xMin, xMax) = (points.Min(p => p.X), points.Max(p => p.X));
        if (logX) (xMin, xMax) = (Math.Pow(10, Math.Floor(Math.Log10(xMin))), Math.Pow(10, Math.Ceiling(Math.Log10(xMax))));
        if (xMax <= xMin) xMax = xMin + 1;
        var yMax = NiceCeiling(points.Max(p => p.Y));
        double X(double x) => Left + (logX ? Math.Log10(x / xMin) / Math.Log10(xMax / xMin) : (x - xMin) / (xMax - xMin)) * (Width - Left - Right);
        double Y(double y) => Height - Bottom - y / yMax * (Height - Top - Bottom);

        Axes(svg, xLabel, yLabel);
        for (var i = 0; i <= 5; i++) TickY(svg, Y(yMax * i / 5), yMax * i / 5);
        var xTicks = logX
            ? Enumerable.Range(0, (int)Math.Round(Math.Log10(xMax / xMin)) + 1).Select(e => xMin * Math.Pow(10, e))
            : Enumerable.Range(0, 6).Select(i => xMin + (xMax - xMin) * i / 5);
        foreach (var x in xTicks) TickX(svg, X(x), x);
        foreach (var (s, i) in series.Select((s, i) => (s, i)))
        {
            var drawn = s.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y) && (!logX || p.X > 0)).OrderBy(p => p.X).ToList();
            var path = string.Join(" ", drawn.Select(p => $"{F(X(p.X))},{F(Y(p.Y))}"));
            svg.AppendLine($"<polyline fill=\"none\" stroke=\"{Colors[i % Colors.Length]}\" stroke-width=\"2\" points=\"{path}\"/>");
            if (drawn.Count <= 30)
                foreach (var p in drawn) svg.AppendLine($"<circle cx=\"{F(X(p.X))}\" cy=\"{F(Y(p.Y))}\" r=\"3\" fill=\"{Colors[i % Colors.Length]}\"/>");
        }
        Legend(svg, series.Select(s => s.Name));
        return Close(svg);
    }

    /// <summary>Bars per category, one per series side by side (e.g. writes per onboarding by kind, service and floor).</summary>
    public static string Bars(string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series)
    {
        var svg = Open(title);
        var yMax = NiceCeiling(series.SelectMany(s => s.Values).Where(double.IsFinite).DefaultIfEmpty(1).Max());
        double Y(double y) => Height - Bottom - y / yMax * (Height - Top - Bottom);
        Axes(svg, "", yLabel);
        for (var i = 0; i <= 5; i++) TickY(svg, Y(yMax * i / 5), yMax * i / 5);
        var slot = (double)(Width - Left - Right) / Math.Max(1, categories.Count);
        var bar = slot * 0.8 / Math.Max(1, series.Count);
        for (var c = 0; c < categories.Count; c++)
        {
            var x0 = Left + c * slot + slot * 0.1;
            for (var s = 0; s < series.Count; s++)
            {
                var v = c < series[s].Values.Count && double.IsFinite(series[s].Values[c]) ? series[s].Values[c] : 0;
                svg.AppendLine($"<rect x=\"{F(x0 + s * bar)}\" y=\"{F(Y(v))}\" width=\"{F(bar - 2)}\" height=\"{F(Y(0) - Y(v))}\" fill=\"{Colors[s % Colors.Length]}\"><title>{Esc(series[s].Name)}, {Esc(categories[c])}: {v.ToString("0.##", CultureInfo.InvariantCulture)}</title></rect>");
                svg.AppendLine($"<text x=\"{F(x0 + s * bar + bar / 2)}\" y=\"{F(Y(v) - 3)}\" text-anchor=\"middle\" font-size=\"10\">{v.ToString("0.##", CultureInfo.InvariantCulture)}</text>");
            }
            svg.AppendLine($"<text x=\"{F(Left + c * slot + slot / 2)}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{Esc(categories[c])}</text>");
        }
        Legend(svg, series.Select(s => s.Name));
        return Close(svg);
    }

    private static StringBuilder Open(string title)
    {
        var svg = new StringBuilder();
        svg.AppendLine($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\">");
        svg.AppendLine($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>");
        svg.AppendLine($"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">{Esc(title)}</text>");
        return svg;
    }

    private static string Close(StringBuilder svg) => svg.AppendLine("</svg>").ToString();

    private static void Axes(StringBuilder svg, string xLabel, string yLabel)
    {
        svg.AppendLine($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>");
        svg.AppendLine($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>");
        svg.AppendLine($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\" font-size=\"12\">{Esc(xLabel)}</text>");
        svg.AppendLine($"<text x=\"16\" y=\"{(Top + Height - Bottom) / 2}\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 16 {(Top + Height - Bottom) / 2})\">{Esc(yLabel)}</text>");
    }

    private static void TickY(StringBuilder svg, double y, double value)
    {
        svg.AppendLine($"<line x1=\"{Left}\" y1=\"{F(y)}\" x2=\"{Width - Right}\" y2=\"{F(y)}\" stroke=\"#ddd\"/>");
        svg.AppendLine($"<text x=\"{Left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\" font-size=\"11\">{Label(value)}</text>");
    }

    private static void TickX(StringBuilder svg, double x, double value)
    {
        svg.AppendLine($"<line x1=\"{F(x)}\" y1=\"{Height - Bottom}\" x2=\"{F(x)}\" y2=\"{Height - Bottom + 5}\" stroke=\"black\"/>");
        svg.AppendLine($"<text x=\"{F(x)}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" font-size=\"11\">{Label(value)}</text>");
    }

    private static void Legend(StringBuilder svg, IEnumerable<string> names)
    {
        var y = Top + 4;
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            svg.AppendLine($"<rect x=\"{Left + 12}\" y=\"{y + i * 16}\" width=\"12\" height=\"10\" fill=\"{Colors[i % Colors.Length]}\"/>");
            svg.AppendLine($"<text x=\"{Left + 30}\" y=\"{y + i * 16 + 9}\" font-size=\"11\">{Esc(name)}</text>");
        }
    }

    /// <summary>1, 2 or 5 times a power of ten, at or above the value: round tick labels.</summary>
    private static double NiceCeiling(double value)
    {
        if (!(value > 0)) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 5, 10 }.Select(m => m * power).First(v => v >= value);
    }

    private static string Label(double v) =>
        v >= 1_000_000 ? (v / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture) + "M"
        : v >= 10_000 ? (v / 1_000).ToString("0.#", CultureInfo.InvariantCulture) + "k"
        : v.ToString(v < 10 ? "0.##" : "0", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}

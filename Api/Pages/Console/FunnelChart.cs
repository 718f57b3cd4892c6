using System.Globalization;
using System.Text;
using Onboarding.Api.Pages.Layout;
using Onboarding.Customers;
using Onboarding.Queries;

namespace Onboarding.Api.Pages.Console;

/// <summary>
/// The funnel as a bar chart, drawn on the server as inline SVG (no script, no chart library; colours from the
/// stylesheet, so the page's content security policy needs no inline style): a bar per state, and under Templated the
/// stalled onboardings, under Active the customers whose role is degraded, all on one scale.
/// </summary>
public static class FunnelChart
{
    // Drawn for a phone's width (the viewBox scales to the page); room is left after the longest bar for its number.
    private const int Width = 420, LabelWidth = 120, BarWidth = 220, RowHeight = 30, BarHeight = 18, Indent = 14;

    /// <summary>What the chart draws, in order: (name, count, kind); kind is "state", "stalled" or "degraded".</summary>
    public static IReadOnlyList<(string Name, long Count, string Kind)> Rows(CustomerStats stats)
    {
        var rows = new List<(string, long, string)>();
        foreach (var state in ConsoleHtml.FunnelStates)
        {
            rows.Add((state.ToString(), stats.ByState.GetValueOrDefault(state), "state"));
            if (state == OnboardingState.Templated) rows.Add(("stalled", stats.Stalled, "stalled"));
            if (state == OnboardingState.Active) rows.Add(("role degraded", stats.RoleDegraded, "degraded"));
        }
        return rows;
    }

    public static string Svg(CustomerStats stats)
    {
        var rows = Rows(stats);
        var max = Math.Max(1, rows.Max(r => r.Count));
        var height = rows.Count * RowHeight + 8;
        var description = string.Join("; ", rows.Select(r => $"{r.Name} {Number(r.Count)}"));
        var svg = new StringBuilder()
            .Append($"<svg id=\"funnel-chart\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" ")
            .Append("role=\"img\" aria-labelledby=\"funnel-chart-title funnel-chart-desc\">")
            .Append("<title id=\"funnel-chart-title\">Customers per state</title>")
            .Append($"<desc id=\"funnel-chart-desc\">{Html.Text(description)}</desc>");
        for (var i = 0; i < rows.Count; i++)
        {
            var (name, count, kind) = rows[i];
            var y = i * RowHeight + 4;
            // A non-zero count always shows a sliver, so a small share is not mistaken for none.
            var width = count == 0 ? 0 : Math.Max(2, (int)Math.Round((double)count * BarWidth / max));
            svg.Append($"<g class=\"{kind}\" data-row=\"{Html.Text(name)}\" data-count=\"{count}\">")
                .Append($"<text class=\"label\" x=\"{(kind == "state" ? 0 : Indent)}\" y=\"{y + 14}\">{Html.Text(name)}</text>")
                .Append($"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{width}\" height=\"{BarHeight}\" rx=\"2\"></rect>")
                .Append($"<text class=\"value\" x=\"{LabelWidth + width + 6}\" y=\"{y + 14}\">{Number(count)}</text></g>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Number(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}

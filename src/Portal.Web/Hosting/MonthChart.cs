using System.Globalization;
using System.Net;
using System.Text;

namespace Portal.Web.Hosting;

/// <summary>
/// Figures per month as inline SVG: grouped columns (income beside spending) or a line (fees over time). Like
/// <see cref="BarChart"/> it always stands beside a table of the same figures; its label says so to screen readers.
/// </summary>
public static class MonthChart
{
    private const int Left = 60;
    private const int Height = 160;
    private const int Column = 48;

    public static string Svg(string description, IReadOnlyList<string> months, IReadOnlyList<Series> series, bool line = false)
    {
        if (months.Count == 0 || series.Count == 0)
        {
            return "";
        }

        var max = Math.Max(1, series.SelectMany(s => s.Values).Max());
        double Y(long value) => 10 + Height - (double)Math.Max(0, value) / max * Height;
        var svg = new StringBuilder();
        svg.Append(
            CultureInfo.InvariantCulture,
            $"<svg viewBox=\"0 0 {Left + months.Count * Column + 10} {Height + 50}\" role=\"img\" "
                + $"aria-label=\"{WebUtility.HtmlEncode(description)}\">");
        svg.Append(
            CultureInfo.InvariantCulture,
            $"<line x1=\"{Left}\" y1=\"{Height + 10}\" x2=\"{Left + months.Count * Column}\" y2=\"{Height + 10}\" stroke=\"currentColor\"/>");
        for (var m = 0; m < months.Count; m++)
        {
            svg.Append(
                CultureInfo.InvariantCulture,
                $"<text x=\"{Left + m * Column + 4}\" y=\"{Height + 28}\" font-size=\"11\">{WebUtility.HtmlEncode(months[m])}</text>");
        }

        var width = (Column - 8) / series.Count;
        for (var s = 0; s < series.Count; s++)
        {
            var values = series[s].Values;
            if (line)
            {
                var points = string.Join(
                    ' ',
                    values.Select((v, m) => string.Create(CultureInfo.InvariantCulture, $"{Left + m * Column + Column / 2},{Y(v):F1}")));
                svg.Append(
                    CultureInfo.InvariantCulture,
                    $"<polyline class=\"{series[s].CssClass}\" fill=\"none\" stroke-width=\"2\" points=\"{points}\"/>");
                continue;
            }

            for (var m = 0; m < values.Count; m++)
            {
                var y = Y(values[m]);
                svg.Append(
                    CultureInfo.InvariantCulture,
                    $"<rect class=\"{series[s].CssClass}\" x=\"{Left + m * Column + 4 + s * width}\" y=\"{y:F1}\" "
                        + $"width=\"{width}\" height=\"{Height + 10 - y:F1}\"/>");
            }
        }

        svg.Append(
            CultureInfo.InvariantCulture,
            $"<text x=\"0\" y=\"20\" font-size=\"11\">{WebUtility.HtmlEncode(string.Join(", ", series.Select(s => s.Name)))}</text>");
        return svg.Append("</svg>").ToString();
    }
}

/// <param name="Values">One value a month, in minor units, on the chart's shared scale.</param>
public sealed record Series(string Name, IReadOnlyList<long> Values, string CssClass);

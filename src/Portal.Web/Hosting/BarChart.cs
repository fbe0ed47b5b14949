using System.Globalization;
using System.Net;
using System.Text;

namespace Portal.Web.Hosting;

/// <summary>
/// A horizontal bar chart as inline SVG, for figures that staff compare across funds. It always stands beside a table
/// with the same figures, which is what screen readers and exports use. Each label stands whole on its own line above
/// its bar, so that long fund names ("Children's Village ...") are never cut to the same prefix.
/// </summary>
public static class BarChart
{
    private const int BarArea = 520;
    private const int Row = 52;
    private const int BarTop = 20;

    /// <param name="bars">Each bar's label, its length, the text written after it, and an optional second, thinner
    /// bar on the same scale (fees beside a balance, say).</param>
    public static string Svg(string description, IReadOnlyList<Bar> bars)
    {
        if (bars.Count == 0)
        {
            return "";
        }

        var max = Math.Max(1, bars.Max(bar => Math.Max(bar.Value, bar.Secondary)));
        var svg = new StringBuilder();
        svg.Append(
            CultureInfo.InvariantCulture,
            $"<svg viewBox=\"0 0 720 {bars.Count * Row + 10}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(description)}\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = i * Row + 5;
            var width = (double)Math.Max(0, bar.Value) / max * BarArea;
            var secondary = (double)Math.Max(0, bar.Secondary) / max * BarArea;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 13}\" font-size=\"13\">{WebUtility.HtmlEncode(bar.Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-bar\" x=\"0\" y=\"{y + BarTop}\" width=\"{width:F1}\" height=\"24\"/>");
            if (bar.Secondary > 0)
            {
                svg.Append(
                    CultureInfo.InvariantCulture,
                    $"<rect class=\"chart-bar fees\" x=\"0\" y=\"{y + BarTop + 18}\" width=\"{secondary:F1}\" height=\"6\"/>");
            }

            svg.Append(
                CultureInfo.InvariantCulture,
                $"<text x=\"{5 + width:F0}\" y=\"{y + BarTop + 17}\" font-size=\"12\">{WebUtility.HtmlEncode(bar.Text)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }
}

public sealed record Bar(string Label, long Value, string Text, long Secondary = 0);

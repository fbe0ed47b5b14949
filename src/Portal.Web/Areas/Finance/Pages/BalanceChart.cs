using System.Globalization;
using System.Net;
using System.Text;
using Portal.Core.Ledger;

namespace Portal.Web.Areas.Finance.Pages;

/// <summary>A horizontal bar chart of each fund's balance with its fees, as inline SVG (the table beside it has the figures).</summary>
public static class BalanceChart
{
    private const int BarArea = 420;
    private const int Row = 34;

    public static string Svg(IReadOnlyList<FundBalance> balances, CultureInfo culture)
    {
        var shown = balances.Where(b => b.Opening.Minor + b.Gross.Minor > 0).ToList();
        if (shown.Count == 0)
        {
            return "";
        }

        // Currencies differ, so bars compare minor units only within a currency; the label gives each figure.
        var max = shown.Max(b => b.Opening.Minor + b.Gross.Minor);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 700 {shown.Count * Row + 10}\" role=\"img\" aria-label=\"Bar chart of each fund's balance and fees; the table below has the same figures\">");
        for (var i = 0; i < shown.Count; i++)
        {
            var balance = shown[i];
            var y = i * Row + 5;
            var width = (double)(balance.Opening.Minor + balance.Gross.Minor) / max * BarArea;
            var fees = (double)balance.Fees.Minor / max * BarArea;
            var label = WebUtility.HtmlEncode($"{balance.Fund.Code} {balance.Gross.Currency.Code}");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 17}\" font-size=\"13\">{label}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-bar\" x=\"150\" y=\"{y}\" width=\"{width:F1}\" height=\"24\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-bar fees\" x=\"150\" y=\"{y + 18}\" width=\"{fees:F1}\" height=\"6\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{155 + width:F0}\" y=\"{y + 17}\" font-size=\"12\">{WebUtility.HtmlEncode(balance.Balance.Format(culture))}</text>");
        }

        return svg.Append("</svg>").ToString();
    }
}

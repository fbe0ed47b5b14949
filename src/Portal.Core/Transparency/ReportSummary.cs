using System.Globalization;
using System.Text;
using Portal.Core.Funds;
using Portal.Core.Hosting;

namespace Portal.Core.Transparency;

/// <summary>The short e-mail that announces a published report: the key figures and a link to the whole report.</summary>
public sealed class ReportSummary(PublicUrls urls)
{
    /// <summary>The public page's path: <c>/transparency/{fund}/{period}</c>.</summary>
    public static string PathOf(Fund fund, TransparencyReport report) => $"/transparency/{fund.Slug}/{report.PeriodKey}";

    public Uri PageOf(Fund fund, TransparencyReport report) => urls.To(PathOf(fund, report));

    public string Markdown(TransparencyReport report, Fund fund)
    {
        var figures = ReportFigures.FromJson(report.FiguresJson);
        var culture = CultureInfo.GetCultureInfo("en-GB");
        var period = ReportPeriod.TryParse(report.PeriodKey, out var p) ? p.Title : report.PeriodKey;
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"Here is how {fund.Name} used its money in {period}.\n\n");
        body.Append(CultureInfo.InvariantCulture, $"- Gifts received: {figures.Amount(figures.Gifts).Format(culture)}\n");
        body.Append(CultureInfo.InvariantCulture, $"- Spent on the fund's work: {figures.Amount(figures.Spent).Format(culture)}\n");
        foreach (var category in figures.Spending.Where(c => c.Amount != 0))
        {
            body.Append(CultureInfo.InvariantCulture, $"  - {category.Label}: {figures.Amount(category.Amount).Format(culture)}\n");
        }

        body.Append(CultureInfo.InvariantCulture, $"- Balance at the end: {figures.Amount(figures.Closing).Format(culture)}\n");
        body.Append(CultureInfo.InvariantCulture, $"- Sponsors: {figures.Sponsors}\n\n");
        var outcomes = ReportOutcome.ListFromJson(report.OutcomesJson);
        body.Append(outcomes.Count > 0 ? "What the fund achieved:\n\n" : "");
        foreach (var outcome in outcomes)
        {
            body.Append(CultureInfo.InvariantCulture, $"- {outcome.Label}: {outcome.Value.ToString("G29", culture)}\n");
        }

        body.Append(CultureInfo.InvariantCulture, $"\n[Read the whole report]({PageOf(fund, report)})\n");
        return body.ToString();
    }
}

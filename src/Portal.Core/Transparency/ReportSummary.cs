using System.Text;
using Portal.Core.Funds;
using Portal.Core.Hosting;

namespace Portal.Core.Transparency;

/// <summary>
/// The short e-mail that announces a published report: the key figures and a link to the whole report, in the
/// reader's language (English when none is given).
/// </summary>
public sealed class ReportSummary(PublicUrls urls)
{
    /// <summary>The public page's path: <c>/transparency/{fund}/{period}</c>.</summary>
    public static string PathOf(Fund fund, TransparencyReport report) => $"/transparency/{fund.Slug}/{report.PeriodKey}";

    public Uri PageOf(Fund fund, TransparencyReport report) => urls.To(PathOf(fund, report));

    /// <summary>"Nairobi: how your gifts were used in Q3 2026": the announcement's subject.</summary>
    public static string Title(TransparencyReport report, Fund fund, string? language = null)
    {
        var texts = ReportTexts.For(language);
        return texts.Format("UpdateTitle", fund.Name, texts.PeriodTitle(report.PeriodKey));
    }

    public string Markdown(TransparencyReport report, Fund fund, string? language = null)
    {
        var texts = ReportTexts.For(language);
        var figures = ReportFigures.FromJson(report.FiguresJson);
        var culture = texts.Culture;
        var period = texts.PeriodTitle(report.PeriodKey);
        var body = new StringBuilder();
        body.Append(culture, $"{texts.Format("SummaryIntro", fund.Name, period)}\n\n");
        body.Append(culture, $"- {texts.Line("Gifts")}: {figures.Amount(figures.Gifts).Format(culture)}\n");
        body.Append(culture, $"- {texts.Line("Spent")}: {figures.Amount(figures.Spent).Format(culture)}\n");
        foreach (var category in figures.Spending.Where(c => c.Amount != 0))
        {
            body.Append(culture, $"  - {texts.Category(category)}: {figures.Amount(category.Amount).Format(culture)}\n");
        }

        body.Append(culture, $"- {texts.Line("Closing")}: {figures.Amount(figures.Closing).Format(culture)}\n");
        body.Append(culture, $"- {texts["Sponsors"]}: {figures.Sponsors}\n\n");
        var outcomes = ReportOutcome.ListFromJson(report.OutcomesJson);
        body.Append(outcomes.Count > 0 ? $"{texts["SummaryOutcomes"]}\n\n" : "");
        foreach (var outcome in outcomes)
        {
            body.Append(culture, $"- {outcome.Label}: {outcome.Value.ToString("G29", culture)}\n");
        }

        body.Append(culture, $"\n[{texts["SummaryLink"]}]({PageOf(fund, report)})\n");
        return body.ToString();
    }
}

using PdfSharp.Pdf;
using Portal.Core.Communications.Updates;
using Portal.Core.Documents;
using Portal.Core.Funds;

namespace Portal.Core.Transparency;

/// <summary>
/// A published report as a PDF: the same figures as the public page (both read <see cref="ReportFigures.Lines"/>),
/// spending by category as bars with their amounts, the outcomes, and the stories as sanitised plain text.
/// </summary>
public static class TransparencyReportPdf
{
    public static byte[] Render(TransparencyReport report, Fund fund, IFormatProvider culture)
    {
        var figures = ReportFigures.FromJson(report.FiguresJson);
        var texts = ReportTexts.For(culture);
        var title = texts.PeriodTitle(report.PeriodKey);
        using var document = new PdfDocument();
        document.Info.Title = texts.Format("PdfTitle", fund.Name, title);
        using (var flow = new PdfPageFlow(document))
        {
            var (heading, subheading, body) = (PdfPageFlow.Font(18, bold: true), PdfPageFlow.Font(13, bold: true), PdfPageFlow.Font(10));
            flow.Text(document.Info.Title, heading, after: 6);
            var (first, last) = (texts.Date(report.PeriodStart, culture), texts.Date(report.PeriodEnd.AddDays(-1), culture));
            flow.Text(texts.Format("PdfPeriod", first, last, figures.Currency), body, after: 14);

            flow.Text(texts["MoneyInOut"], subheading);
            foreach (var (label, amount) in figures.LinesIn(texts))
            {
                flow.Figure(label, amount.Format(culture), body);
            }

            flow.Figure(texts["Sponsors"], figures.Sponsors.ToString(culture), body);
            if (figures.OtherCurrencies.Count > 0)
            {
                flow.Text(texts.Format("OtherCurrencies", string.Join(", ", figures.OtherCurrencies)), body);
            }

            flow.Space(12);
            flow.Text(texts["SpendingByCategory"], subheading);
            var most = Math.Max(1, figures.Spending.Max(c => c.Amount));
            foreach (var category in figures.Spending)
            {
                flow.Bar(texts.Category(category), (double)category.Amount / most, figures.Amount(category.Amount).Format(culture), body);
            }

            var outcomes = ReportOutcome.ListFromJson(report.OutcomesJson);
            if (outcomes.Count > 0)
            {
                flow.Space(12);
                flow.Text(texts["Outcomes"], subheading);
                foreach (var outcome in outcomes)
                {
                    flow.Figure(outcome.Label, outcome.Value.ToString("G29", culture), body);
                }
            }

            var stories = UpdateMarkdown.Render(report.Stories).Text;
            if (stories.Length > 0)
            {
                flow.Space(12);
                flow.Text(texts["Stories"], subheading);
                flow.Text(stories, body);
            }
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }
}

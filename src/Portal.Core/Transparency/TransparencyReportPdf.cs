using PdfSharp.Pdf;
using Portal.Core.Documents;
using Portal.Core.Funds;
using Portal.Core.Languages;

namespace Portal.Core.Transparency;

/// <summary>
/// A published report as a PDF: the same figures as the public page (both read <see cref="ReportFigures.Lines"/>),
/// spending by category as bars with their amounts, the outcomes, and the stories with their Markdown headings, lists and
/// tables laid out. A tagged PDF in the reader's language: title, section headings, tables of figures, the chart as a
/// figure with its figures as alternative text.
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
        using (var flow = new PdfPageFlow(document, texts.Language))
        {
            var body = PdfPageFlow.Font(10);
            flow.Heading(document.Info.Title, 1, after: 6);
            var (first, last) = (texts.Date(report.PeriodStart, culture), texts.Date(report.PeriodEnd.AddDays(-1), culture));
            flow.Text(texts.Format("PdfPeriod", first, last, figures.Currency), body, after: 14);

            flow.Heading(texts["MoneyInOut"], 2);
            using (flow.Table())
            {
                foreach (var (label, amount) in figures.LinesIn(texts))
                {
                    flow.Figure(label, amount.Format(culture), body);
                }

                flow.Figure(texts["Sponsors"], figures.Sponsors.ToString(culture), body);
            }

            if (figures.OtherCurrencies.Count > 0)
            {
                flow.Text(texts.Format("OtherCurrencies", string.Join(", ", figures.OtherCurrencies)), body);
            }

            flow.Space(12);
            flow.Heading(texts["SpendingByCategory"], 2);
            var most = Math.Max(1, figures.Spending.Select(c => c.Amount).DefaultIfEmpty().Max());
            flow.Chart(
                [.. figures.Spending.Select(category =>
                    new PdfBar(texts.Category(category), (double)category.Amount / most, figures.Amount(category.Amount).Format(culture)))],
                body);

            var outcomes = ReportOutcome.ListFromJson(report.OutcomesJson);
            if (outcomes.Count > 0)
            {
                flow.Space(12);
                flow.Heading(texts["Outcomes"], 2);
                using (flow.Table())
                {
                    foreach (var outcome in outcomes)
                    {
                        flow.Figure(outcome.Label, outcome.Value.ToString("G29", culture), body);
                    }
                }
            }

            if (!string.IsNullOrWhiteSpace(report.Stories))
            {
                flow.Space(12);
                flow.Heading(texts["Stories"], 2);
                PdfMarkdown.Write(flow, report.Stories, body);
            }
        }

        return PdfUniversalAccess.Save(document);
    }
}

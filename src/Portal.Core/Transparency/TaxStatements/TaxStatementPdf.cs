using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Portal.Core.Documents;

namespace Portal.Core.Transparency.TaxStatements;

/// <summary>
/// The tax statement as a PDF: who gave, which year, each gift as its receipt shows it, and the totals per currency. A
/// tagged PDF in the donor's language: the title as its heading, the gifts as a table with column headings.
/// </summary>
public static class TaxStatementPdf
{
    public static byte[] Render(TaxStatementView view)
    {
        PdfFonts.Register();
        var texts = view.Texts;
        var heading = new XFont(PdfFonts.Family, 10, XFontStyleEx.Bold);
        var body = new XFont(PdfFonts.Family, 10);
        var small = new XFont(PdfFonts.Family, 8.5);
        using var document = new PdfDocument();
        document.Info.Title = $"{texts.Title} {view.YearLabel}";
        document.Info.Author = view.CharityName;
        var number = view.Number ?? texts.NotIssued;
        using (var flow = new PdfPageFlow(document, texts.Language, $"{view.CharityName} · {texts.Title} {view.YearLabel} · {number}"))
        {
            flow.Line(view.CharityName, heading);
            flow.Space(8);
            flow.Heading($"{texts.Title} {view.YearLabel}", 1, after: 10);
            Fact(flow, body, texts.NumberLabel, number);
            Fact(flow, body, texts.PeriodLabel, $"{view.YearLabel} ({view.PeriodText})");
            Fact(flow, body, texts.DonorLabel, view.DonorName);
            Fact(flow, body, "", view.DonorEmail);
            Fact(flow, body, "", view.DonorCountry);
            flow.Space(14);

            var width = flow.Width;
            PdfCell[] Columns(string date, string fund, string receipt, string amount) =>
            [
                new(date, 0, 80), new(fund, 85, width - 275), new(receipt, width - 185, 95), new(amount, width - 90, 90, AlignRight: true),
            ];
            using (flow.Table())
            {
                flow.HeaderRow(heading, 4, Columns(texts.DateLabel, texts.FundLabel, texts.ReceiptLabel, texts.AmountLabel));
                flow.Rule();
                foreach (var gift in view.Gifts)
                {
                    flow.Row(body, 3, Columns(texts.ShortDate(gift.Date), gift.FundName, gift.ReceiptNumber, texts.Amount(gift.Kept)));
                }

                flow.Rule();
                foreach (var total in view.Totals)
                {
                    // The total's label heads its row across the first three columns.
                    flow.Row(
                        heading,
                        4,
                        new PdfCell($"{texts.TotalLabel} {total.Currency.Code}", 0, width - 100, Header: true, Span: 3),
                        new PdfCell(texts.Amount(total), width - 100, 100, AlignRight: true));
                }
            }

            flow.Space(16);
            flow.Line(texts.NoGoods, small);
            flow.Line(texts.AsOf(view.AsOf), small);
        }

        return PdfUniversalAccess.Save(document);
    }

    private static void Fact(PdfPageFlow flow, XFont font, string label, string value) =>
        flow.Row(font, 3, new PdfCell(label, 0, 110), new PdfCell(value, 115));
}

using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Portal.Core.Documents;

/// <summary>
/// Writes lines down A4 pages and starts a new page when one is full, so a long list (a donor's monthly gifts over a
/// year, a report's spending) never runs off the page. Every page carries the same footer.
/// </summary>
public sealed class PdfPageFlow : IDisposable
{
    public const double Margin = 50;

    private readonly PdfDocument document;
    private readonly string footer;
    private readonly XFont footerFont = new(PdfFonts.Family, 8);
    private XGraphics? graphics;
    private PdfPage? page;
    private double y;

    public PdfPageFlow(PdfDocument document, string footer)
    {
        PdfFonts.Register();
        this.document = document;
        this.footer = footer;
        NewPage();
    }

    /// <summary>The width between the margins.</summary>
    public double Width => page!.Width.Point - 2 * Margin;

    /// <summary>One line of text across the page.</summary>
    public void Line(string text, XFont font, double spacing = 4) => Row(font, spacing, new PdfCell(text));

    /// <summary>One line of cells: each at its offset from the left margin, right-aligned within its width when asked.</summary>
    public void Row(XFont font, double spacing, params PdfCell[] cells)
    {
        var height = font.GetHeight() + spacing;
        Reserve(height);
        foreach (var cell in cells)
        {
            var width = cell.Width ?? Width - cell.X;
            var text = Fit(cell.Text, font, width);
            var box = new XRect(Margin + cell.X, y, width, height);
            graphics!.DrawString(text, font, XBrushes.Black, box, cell.AlignRight ? XStringFormats.TopRight : XStringFormats.TopLeft);
        }

        y += height;
    }

    public void Space(double points) => y += points;

    public void Rule()
    {
        Reserve(6);
        graphics!.DrawLine(XPens.Gray, Margin, y + 2, Margin + Width, y + 2);
        y += 6;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit above the footer.</summary>
    public void Reserve(double height)
    {
        if (y + height > page!.Height.Point - Margin - 20)
        {
            NewPage();
        }
    }

    public void Dispose() => graphics?.Dispose();

    private void NewPage()
    {
        graphics?.Dispose();
        page = document.AddPage();
        page.Size = PageSize.A4;
        graphics = XGraphics.FromPdfPage(page);
        var number = document.PageCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var box = new XRect(Margin, page.Height.Point - Margin, page.Width.Point - 2 * Margin, 12);
        graphics.DrawString($"{footer} · {number}", footerFont, XBrushes.Gray, box, XStringFormats.TopLeft);
        y = Margin;
    }

    /// <summary>The text, shortened with an ellipsis when it is wider than the cell (a long fund name).</summary>
    private string Fit(string text, XFont font, double width)
    {
        if (graphics!.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var shortened = text;
        while (shortened.Length > 1 && graphics.MeasureString(shortened + "…", font).Width > width)
        {
            shortened = shortened[..^1];
        }

        return shortened + "…";
    }
}

/// <summary>A piece of text in a <see cref="PdfPageFlow.Row"/>: its offset from the left margin, and its width (to the right margin when null).</summary>
public sealed record PdfCell(string Text, double X = 0, double? Width = null, bool AlignRight = false);

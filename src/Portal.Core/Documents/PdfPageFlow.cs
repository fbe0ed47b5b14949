using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Portal.Core.Documents;

/// <summary>
/// Writes lines down A4 pages and starts a new page when one is full, so a long list (a donor's monthly gifts over a
/// year, a report's spending) never runs off the page: the one layout helper of every PDF (tax statements,
/// transparency reports). Every page carries the same footer, when one is given.
/// </summary>
public sealed class PdfPageFlow : IDisposable
{
    public const double Margin = 50;

    private readonly PdfDocument document;
    private readonly string? footer;
    private readonly XFont footerFont = new(PdfFonts.Family, 8);
    private XGraphics? graphics;
    private PdfPage? page;
    private double y;

    // Before any font is made, by a field or by Font(): PDFsharp resolves the family when an XFont is created.
    static PdfPageFlow() => PdfFonts.Register();

    public PdfPageFlow(PdfDocument document, string? footer = null)
    {
        this.document = document;
        this.footer = footer;
        NewPage();
    }

    public static XFont Font(double size, bool bold = false) => new(PdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

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

    /// <summary>Text across the page, wrapped at word boundaries, with <paramref name="after"/> points below it.</summary>
    public void Text(string text, XFont font, double after = 4)
    {
        var height = font.GetHeight();
        foreach (var line in Wrap(text, font))
        {
            Reserve(height);
            graphics!.DrawString(line, font, XBrushes.Black, new XRect(Margin, y, Width, height), XStringFormats.TopLeft);
            y += height;
        }

        y += after;
    }

    /// <summary>A label on the left and a figure on the right of one line.</summary>
    public void Figure(string label, string value, XFont font) => Row(font, 2, new PdfCell(label), new PdfCell(value, AlignRight: true));

    /// <summary>A horizontal bar of <paramref name="fraction"/> of the bar area, labelled, with its figure after it.</summary>
    public void Bar(string label, double fraction, string value, XFont font)
    {
        const double labelWidth = 150, barHeight = 14, valueWidth = 110;
        Reserve(barHeight + 6);
        graphics!.DrawString(label, font, XBrushes.Black, new XRect(Margin, y, labelWidth, barHeight), XStringFormats.CenterLeft);
        var width = Math.Clamp(fraction, 0, 1) * (Width - labelWidth - valueWidth);
        graphics.DrawRectangle(new XSolidBrush(XColor.FromArgb(0x1f, 0x5f, 0x8b)), Margin + labelWidth, y, width, barHeight);
        var box = new XRect(Margin + labelWidth + width + 6, y, valueWidth, barHeight);
        graphics.DrawString(value, font, XBrushes.Black, box, XStringFormats.CenterLeft);
        y += barHeight + 6;
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
        y = Margin;
        if (footer is null)
        {
            return;
        }

        var number = document.PageCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var box = new XRect(Margin, page.Height.Point - Margin, page.Width.Point - 2 * Margin, 12);
        graphics.DrawString($"{footer} · {number}", footerFont, XBrushes.Gray, box, XStringFormats.TopLeft);
    }

    private IEnumerable<string> Wrap(string text, XFont font)
    {
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && graphics!.MeasureString(candidate, font).Width > Width)
                {
                    yield return line;
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            yield return line;
        }
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

/// <summary>
/// A piece of text in a <see cref="PdfPageFlow.Row"/>: its offset from the left margin, and its width (to the right margin when null).
/// </summary>
public sealed record PdfCell(string Text, double X = 0, double? Width = null, bool AlignRight = false);

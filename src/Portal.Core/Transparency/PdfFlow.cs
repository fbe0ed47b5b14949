using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Portal.Core.Documents;

namespace Portal.Core.Transparency;

/// <summary>
/// Writes text top to bottom on A4 pages, wrapping lines and starting a new page when one is full: what a report
/// needs of a layout engine, without one.
/// </summary>
internal sealed class PdfFlow : IDisposable
{
    private const double Margin = 56;
    private readonly PdfDocument document;
    private PdfPage page = null!;
    private XGraphics graphics = null!;
    private double y;

    public PdfFlow(PdfDocument document)
    {
        PdfFonts.Register();
        this.document = document;
        NewPage();
    }

    public static XFont Font(double size, bool bold = false) => new(PdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    private double Width => page.Width.Point - 2 * Margin;

    public void Text(string text, XFont font, double after = 4)
    {
        foreach (var line in Wrap(text, font))
        {
            var height = font.GetHeight();
            Room(height);
            graphics.DrawString(line, font, XBrushes.Black, new XRect(Margin, y, Width, height), XStringFormats.TopLeft);
            y += height;
        }

        y += after;
    }

    /// <summary>A label on the left and a figure on the right of one line.</summary>
    public void Row(string label, string value, XFont font)
    {
        var height = font.GetHeight() + 2;
        Room(height);
        graphics.DrawString(label, font, XBrushes.Black, new XRect(Margin, y, Width, height), XStringFormats.TopLeft);
        graphics.DrawString(value, font, XBrushes.Black, new XRect(Margin, y, Width, height), XStringFormats.TopRight);
        y += height;
    }

    /// <summary>A horizontal bar of <paramref name="fraction"/> of the bar area, labelled, with its figure after it.</summary>
    public void Bar(string label, double fraction, string value, XFont font)
    {
        const double labelWidth = 150, barHeight = 14;
        Room(barHeight + 6);
        graphics.DrawString(label, font, XBrushes.Black, new XRect(Margin, y, labelWidth, barHeight), XStringFormats.CenterLeft);
        var barArea = Width - labelWidth - 110;
        var width = Math.Max(0, Math.Min(1, fraction)) * barArea;
        graphics.DrawRectangle(new XSolidBrush(XColor.FromArgb(0x1f, 0x5f, 0x8b)), Margin + labelWidth, y, width, barHeight);
        graphics.DrawString(value, font, XBrushes.Black, new XRect(Margin + labelWidth + width + 6, y, 110, barHeight), XStringFormats.CenterLeft);
        y += barHeight + 6;
    }

    public void Space(double points) => y += points;

    public void Dispose() => graphics.Dispose();

    private void Room(double height)
    {
        if (y + height > page.Height.Point - Margin)
        {
            graphics.Dispose();
            NewPage();
        }
    }

    private void NewPage()
    {
        page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        graphics = XGraphics.FromPdfPage(page);
        y = Margin;
    }

    private IEnumerable<string> Wrap(string text, XFont font)
    {
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && graphics.MeasureString(candidate, font).Width > Width)
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
}

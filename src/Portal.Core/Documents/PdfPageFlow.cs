using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace Portal.Core.Documents;

/// <summary>
/// Writes lines down A4 pages and starts a new page when one is full, so a long list (a donor's monthly gifts over a
/// year, a report's spending) never runs off the page: the one layout helper of every PDF (tax statements,
/// transparency reports). Every page carries the same footer, when one is given.
/// </summary>
/// <remarks>
/// The PDF is tagged (PDF/UA): everything drawn belongs to an element of the structure tree that screen readers
/// follow (headings H1 to H3, paragraphs, tables with header cells, lists, figures with their alternative text), or is
/// marked as an artifact (the footer, rules) that they skip. The document states its language and shows its title
/// in the viewer's window. Save it with <see cref="PdfUniversalAccess.Save"/>, which identifies it as PDF/UA-1.
/// </remarks>
public sealed class PdfPageFlow : IDisposable
{
    public const double Margin = 50;

    private const double ListIndent = 16;

    private readonly PdfDocument document;
    private readonly UAManager accessibility;
    private readonly StructureBuilder structure;
    private readonly string? footer;
    private readonly XFont footerFont = new(PdfFonts.Family, 8);
    private XGraphics? graphics;
    private PdfPage? page;
    private double y;
    private int tables;

    // Before any font is made, by a field or by Font(): PDFsharp resolves the family when an XFont is created.
    static PdfPageFlow() => PdfFonts.Register();

    /// <param name="document">A new document whose <see cref="PdfDocumentInformation.Title"/> is set: viewers show it.</param>
    /// <param name="language">The language the document is written in ("de"), as screen readers need to read it.</param>
    /// <param name="footer">Text at the foot of every page, followed by the page's number.</param>
    public PdfPageFlow(PdfDocument document, string language, string? footer = null)
    {
        if (string.IsNullOrWhiteSpace(document.Info.Title))
        {
            throw new ArgumentException("A tagged PDF needs its title set before its pages are written.", nameof(document));
        }

        this.document = document;
        this.footer = footer;
        // Before the first page: the manager follows the pages as they are added. It marks the document as tagged
        // (MarkInfo), starts the structure tree with its Document element and asks viewers to show the title.
        accessibility = UAManager.ForDocument(document);
        accessibility.SetDocumentLanguage(language);
        structure = accessibility.StructureBuilder;
        NewPage();
    }

    public static XFont Font(double size, bool bold = false) => new(PdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    /// <summary>The font of a heading: 18 points for the title (level 1), 13 for a section, 11 below that; all bold.</summary>
    public static XFont HeadingFont(int level) => Font(level switch { 1 => 18, 2 => 13, _ => 11 }, bold: true);

    /// <summary>The width between the margins.</summary>
    public double Width => page!.Width.Point - 2 * Margin;

    /// <summary>A heading (H1 for the document's title, H2 for a section, H3 below), kept on the page of what follows it.</summary>
    public void Heading(string text, int level, double after = 4)
    {
        var font = HeadingFont(level);
        Reserve(font.GetHeight() * 2 + 20);
        var tag = level switch
        {
            1 => PdfBlockLevelElementTag.Heading1,
            2 => PdfBlockLevelElementTag.Heading2,
            _ => PdfBlockLevelElementTag.Heading3,
        };
        Element(tag, () =>
        {
            foreach (var line in Wrap(text, font, Width))
            {
                DrawLine(line, font, Margin);
            }
        });
        y += after;
    }

    /// <summary>One line of text across the page: a paragraph of its own, or a row of the table being written.</summary>
    public void Line(string text, XFont font, double spacing = 4) => Row(font, spacing, new PdfCell(text));

    /// <summary>
    /// One line of cells: each at its offset from the left margin, right-aligned within its width when asked. In a
    /// <see cref="Table"/> it is a table row of header and data cells; elsewhere one paragraph.
    /// </summary>
    public void Row(XFont font, double spacing, params PdfCell[] cells) => Cells(font, spacing, header: false, cells);

    /// <summary>The row of column headings of the <see cref="Table"/> being written.</summary>
    public void HeaderRow(XFont font, double spacing, params PdfCell[] cells) => Cells(font, spacing, header: true, cells);

    /// <summary>
    /// Text across the page, wrapped at word boundaries, with <paramref name="after"/> points below it: a paragraph for
    /// each of its lines.
    /// </summary>
    public void Text(string text, XFont font, double after = 4)
    {
        var height = font.GetHeight();
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            if (paragraph.Trim().Length == 0)
            {
                Reserve(height);
                y += height;
                continue;
            }

            Element(PdfBlockLevelElementTag.Paragraph, () =>
            {
                foreach (var line in Wrap(paragraph, font, Width))
                {
                    DrawLine(line, font, Margin);
                }
            });
        }

        y += after;
    }

    /// <summary>
    /// An item of the <see cref="List"/> being written: its label ("•", "2.") at the margin, its text wrapped beside it.
    /// </summary>
    public void ListItem(string label, string text, XFont font, double after = 2)
    {
        Reserve(font.GetHeight());
        var top = y;
        Element(PdfBlockLevelElementTag.ListItem, () =>
        {
            Element(PdfBlockLevelElementTag.Label, () => DrawLine(label, font, Margin));
            y = top;
            Element(PdfBlockLevelElementTag.ListBody, () =>
            {
                foreach (var line in Wrap(text, font, Width - ListIndent))
                {
                    DrawLine(line, font, Margin + ListIndent);
                }
            });
        });
        y += after;
    }

    /// <summary>A label on the left and a figure on the right of one line; in a <see cref="Table"/>, the label heads its row.</summary>
    public void Figure(string label, string value, XFont font) =>
        Row(font, 2, new PdfCell(label, Header: true), new PdfCell(value, AlignRight: true));

    /// <summary>
    /// A bar chart: for each bar its label, a bar of its fraction of the bar area, and its figure. Tagged as one figure
    /// whose alternative text reads every label with its figure.
    /// </summary>
    public void Chart(IReadOnlyList<PdfBar> bars, XFont font)
    {
        const double labelWidth = 150, barHeight = 14, valueWidth = 110, step = barHeight + 6;
        if (bars.Count == 0)
        {
            return;
        }

        var bottom = page!.Height.Point - Margin - 20;
        Reserve(Math.Min(bars.Count * step, bottom - Margin));
        // The bounding box (of the part on this page) in the page's own coordinates, which count up from the bottom edge.
        var height = Math.Min(bars.Count * step, bottom - y);
        var box = new XRect(Margin, page.Height.Point - y - height, Width, height);
        var alt = string.Join("; ", bars.Select(bar => $"{bar.Label}: {bar.Value}"));
        // Starts in graphics mode (outside a text object), and must end in it: marked content and text objects nest.
        structure.BeginElement(PdfIllustrationElementTag.Figure, alt, box);
        foreach (var bar in bars)
        {
            Reserve(step);
            graphics!.DrawString(bar.Label, font, XBrushes.Black, new XRect(Margin, y, labelWidth, barHeight), XStringFormats.CenterLeft);
            var width = Math.Clamp(bar.Fraction, 0, 1) * (Width - labelWidth - valueWidth);
            graphics.DrawRectangle(new XSolidBrush(XColor.FromArgb(0x1f, 0x5f, 0x8b)), Margin + labelWidth, y, width, barHeight);
            var value = new XRect(Margin + labelWidth + width + 6, y, valueWidth, barHeight);
            graphics.DrawString(bar.Value, font, XBrushes.Black, value, XStringFormats.CenterLeft);
            y += step;
        }

        accessibility.BeginGraphicMode();
        structure.End();
    }

    public void Space(double points) => y += points;

    /// <summary>A grey line across the page: decoration, which screen readers skip.</summary>
    public void Rule()
    {
        Reserve(6);
        Artifact(text: false, () => graphics!.DrawLine(XPens.Gray, Margin, y + 2, Margin + Width, y + 2));
        y += 6;
    }

    /// <summary>A table: the rows (<see cref="Row"/>, <see cref="HeaderRow"/>, <see cref="Figure"/>) until the scope is disposed.</summary>
    public IDisposable Table()
    {
        structure.BeginElement(PdfBlockLevelElementTag.Table);
        tables++;
        return new Scope(() =>
        {
            tables--;
            structure.End();
        });
    }

    /// <summary>A list: the <see cref="ListItem"/>s until the scope is disposed.</summary>
    public IDisposable List()
    {
        structure.BeginElement(PdfBlockLevelElementTag.List);
        return new Scope(structure.End);
    }

    /// <summary>A quotation: the paragraphs until the scope is disposed.</summary>
    public IDisposable Quote()
    {
        structure.BeginElement(PdfGroupingElementTag.BlockQuotation);
        return new Scope(structure.End);
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
        if (graphics is not null)
        {
            // A paragraph that runs on: its part on this page ends here, and goes on under the same element there.
            structure.EndMarkedContentsWithId();
            graphics.Dispose();
        }

        page = document.AddPage();
        page.Size = PageSize.A4;
        // Screen readers move through a page in the order of its structure, and so does the Tab key.
        page.Elements.SetName("/Tabs", "/S");
        graphics = XGraphics.FromPdfPage(page);
        // PDFsharp saves the graphics state for the page's coordinates on the first drawing. Done here, outside any
        // marked content, so that no tagged element or artifact begins in one text object and ends in another.
        accessibility.BeginGraphicMode();
        graphics.Save();
        graphics.Restore();
        y = Margin;
        if (footer is null)
        {
            return;
        }

        var number = document.PageCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var box = new XRect(Margin, page.Height.Point - Margin, page.Width.Point - 2 * Margin, 12);
        Artifact(text: true, () => graphics!.DrawString($"{footer} · {number}", footerFont, XBrushes.Gray, box, XStringFormats.TopLeft));
    }

    private void Cells(XFont font, double spacing, bool header, PdfCell[] cells)
    {
        var height = font.GetHeight() + spacing;
        Reserve(height);
        if (tables == 0)
        {
            Element(PdfBlockLevelElementTag.Paragraph, () => Array.ForEach(cells, cell => Cell(cell, font, height)));
        }
        else
        {
            Element(PdfBlockLevelElementTag.TableRow, () =>
            {
                foreach (var cell in cells)
                {
                    Element(header || cell.Header ? PdfBlockLevelElementTag.TableHeaderCell : PdfBlockLevelElementTag.TableDataCell, () =>
                    {
                        var attributes = structure.CurrentStructureElement.TableAttributes.Elements;
                        if (header || cell.Header)
                        {
                            // A column's heading, or the label that heads its row.
                            attributes.SetName("/Scope", header ? "/Column" : "/Row");
                        }

                        if (cell.Span > 1)
                        {
                            structure.SetColSpan(cell.Span);
                        }

                        Cell(cell, font, height);
                    });
                }
            });
        }

        y += height;
    }

    private void Cell(PdfCell cell, XFont font, double height)
    {
        if (cell.Text.Length == 0)
        {
            return;
        }

        var width = cell.Width ?? Width - cell.X;
        var text = Fit(cell.Text, font, width);
        var box = new XRect(Margin + cell.X, y, width, height);
        var format = cell.AlignRight ? XStringFormats.TopRight : XStringFormats.TopLeft;
        if (text == cell.Text)
        {
            graphics!.DrawString(text, font, XBrushes.Black, box, format);
            return;
        }

        // Shortened to fit: screen readers and copying get the whole text.
        structure.BeginElement(PdfInlineLevelElementTag.Span);
        structure.CurrentStructureElement.Elements.SetString("/ActualText", cell.Text);
        graphics!.DrawString(text, font, XBrushes.Black, box, format);
        structure.End();
    }

    /// <summary>One line of text at <paramref name="x"/>, on this page or the next.</summary>
    private void DrawLine(string line, XFont font, double x)
    {
        var height = font.GetHeight();
        Reserve(height);
        if (line.Length > 0)
        {
            graphics!.DrawString(line, font, XBrushes.Black, new XRect(x, y, Margin + Width - x, height), XStringFormats.TopLeft);
        }

        y += height;
    }

    /// <summary>
    /// An element of text. Its marked content begins and ends inside a text object (BT … ET): PDFsharp opens the
    /// marked content in the mode it finds and closes it before it changes the mode back, so each element starts and
    /// ends in text mode, and marked content and text objects nest properly.
    /// </summary>
    private void Element(PdfBlockLevelElementTag tag, Action draw)
    {
        accessibility.BeginTextMode();
        structure.BeginElement(tag);
        draw();
        accessibility.BeginTextMode();
        structure.End();
    }

    /// <summary>Decoration that screen readers skip, begun and ended in the mode it is drawn in (text or graphics).</summary>
    private void Artifact(bool text, Action draw)
    {
        Mode(text);
        structure.BeginArtifact();
        draw();
        Mode(text);
        structure.End();
    }

    private void Mode(bool text)
    {
        if (text)
        {
            accessibility.BeginTextMode();
        }
        else
        {
            accessibility.BeginGraphicMode();
        }
    }

    private IEnumerable<string> Wrap(string text, XFont font, double width)
    {
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && graphics!.MeasureString(candidate, font).Width > width)
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

    private sealed class Scope(Action end) : IDisposable
    {
        private bool ended;

        public void Dispose()
        {
            if (!ended)
            {
                ended = true;
                end();
            }
        }
    }
}

/// <summary>
/// A piece of text in a <see cref="PdfPageFlow.Row"/>: its offset from the left margin, and its width (to the right margin when null).
/// In a table, a <paramref name="Header"/> cell heads its row, and a cell may span several columns.
/// </summary>
public sealed record PdfCell(string Text, double X = 0, double? Width = null, bool AlignRight = false, bool Header = false, int Span = 1);

/// <summary>A bar of a <see cref="PdfPageFlow.Chart"/>: its label, its length as a fraction of the longest possible, its figure.</summary>
public sealed record PdfBar(string Label, double Fraction, string Value);

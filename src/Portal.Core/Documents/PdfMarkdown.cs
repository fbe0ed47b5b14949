using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PdfSharp.Drawing;
using Portal.Core.Communications.Updates;

namespace Portal.Core.Documents;

/// <summary>
/// Writes Markdown (a report's stories) into a PDF as the page shows it, each block as its tagged element: "#" and "##"
/// headings as H2 (the document's title is its only H1), deeper ones as H3, bigger and bold; paragraphs, lists,
/// quotations and tables; a link's address in brackets after its text, as a printed page cannot be clicked. Raw HTML
/// stays text, as on the page.
/// </summary>
public static class PdfMarkdown
{
    public static void Write(PdfPageFlow flow, string? markdown, XFont font)
    {
        foreach (var block in UpdateMarkdown.Parse(markdown))
        {
            Write(flow, block, font);
        }
    }

    private static void Write(PdfPageFlow flow, Block block, XFont font)
    {
        switch (block)
        {
            case HeadingBlock heading:
                flow.Space(4);
                flow.Heading(Inline(heading.Inline), heading.Level <= 2 ? 2 : 3);
                break;
            case ParagraphBlock paragraph:
                flow.Text(Inline(paragraph.Inline), font, after: 6);
                break;
            case ListBlock list:
                List(flow, list, font);
                break;
            case Table table:
                Table(flow, table, font);
                break;
            case ThematicBreakBlock:
                flow.Rule();
                break;
            case CodeBlock code:
                flow.Text(code.Lines.ToString(), font, after: 6);
                break;
            case QuoteBlock quote:
                using (flow.Quote())
                {
                    foreach (var child in quote)
                    {
                        Write(flow, child, font);
                    }
                }

                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Write(flow, child, font);
                }

                break;
        }
    }

    private static void List(PdfPageFlow flow, ListBlock list, XFont font)
    {
        var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
        using (flow.List())
        {
            foreach (var item in list.OfType<ListItemBlock>())
            {
                flow.ListItem(list.IsOrdered ? $"{number++}." : "•", Text(item), font);
            }
        }

        flow.Space(4);
    }

    private static void Table(PdfPageFlow flow, Table table, XFont font)
    {
        var rows = table.OfType<TableRow>().ToList();
        var width = flow.Width / Math.Max(1, rows.Max(row => row.Count));
        var bold = PdfPageFlow.Font(font.Size, bold: true);
        using (flow.Table())
        {
            foreach (var row in rows)
            {
                var cells = row.OfType<TableCell>().Select((cell, column) => new PdfCell(Text(cell), column * width, width - 6)).ToArray();
                if (row.IsHeader)
                {
                    flow.HeaderRow(bold, 3, cells);
                }
                else
                {
                    flow.Row(font, 3, cells);
                }
            }
        }

        flow.Space(6);
    }

    /// <summary>The text of a block and all it holds, a line for each paragraph.</summary>
    private static string Text(Block block) => block switch
    {
        LinkReferenceDefinition => "",
        LeafBlock { Inline: { } inline } => Inline(inline),
        LeafBlock leaf => leaf.Lines.ToString().Trim(),
        ContainerBlock container => string.Join("\n", container.Select(Text).Where(text => text.Length > 0)),
        _ => "",
    };

    private static string Inline(ContainerInline? inline)
    {
        var text = new StringBuilder();
        Append(text, inline);
        return text.ToString().Trim();
    }

    private static void Append(StringBuilder text, Inline? inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case LineBreakInline lineBreak:
                text.Append(lineBreak.IsHard ? '\n' : ' ');
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.ToString());
                break;
            case HtmlInline html:
                text.Append(html.Tag);
                break;
            case LinkInline link:
                var start = text.Length;
                foreach (var child in link)
                {
                    Append(text, child);
                }

                if (!link.IsImage && !string.IsNullOrEmpty(link.Url) && text.ToString(start, text.Length - start) != link.Url)
                {
                    text.Append(" (").Append(link.Url).Append(')');
                }

                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(text, child);
                }

                break;
        }
    }
}

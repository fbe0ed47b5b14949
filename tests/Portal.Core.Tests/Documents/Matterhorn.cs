using System.Xml.Linq;
using PdfSharp.Pdf.IO;

namespace Portal.Core.Tests.Documents;

/// <summary>
/// The machine-checkable points of the Matterhorn Protocol (the PDF Association's list of PDF/UA-1 failure conditions)
/// that our PDFs can fail, checked the way a validator would from the file's bytes. No validator (veraPDF, PAC) runs on
/// this machine: veraPDF is neither a Debian nor an npm package, and Maven Central is not reachable.
/// </summary>
/// <remarks>
/// The points a person must judge (is the alternative text right, is the reading order logical) are left to the
/// tests that read the structure (<see cref="TaggedPdf"/>); the points that need a font parser (glyph widths) too.
/// </remarks>
internal static class Matterhorn
{
    // PDF 1.7 (ISO 32000-1, 14.8.4) standard structure types.
    private static readonly HashSet<string> Standard =
    [
        "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct", "Private",
        "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody",
        "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu",
        "WT", "WP", "Figure", "Formula", "Form",
    ];

    private static readonly Dictionary<string, string[]> Parents = new()
    {
        ["LI"] = ["L"],
        ["Lbl"] = ["LI"],
        ["LBody"] = ["LI"],
        ["TR"] = ["Table", "THead", "TBody", "TFoot"],
        ["TH"] = ["TR"],
        ["TD"] = ["TR"],
        ["THead"] = ["Table"],
        ["TBody"] = ["Table"],
        ["TFoot"] = ["Table"],
    };

    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace PdfUaId = "http://www.aiim.org/pdfua/ns/id/";

    /// <summary>Every failure found, each naming its checkpoint; empty when the file passes them all.</summary>
    public static IReadOnlyList<string> Check(byte[] pdf, string language)
    {
        var read = TaggedPdf.ReadAll(pdf);
        var failures = new List<string>(read.Problems);
        Metadata(read, failures);

        if (!read.Marked)
        {
            failures.Add("7.1: the catalog's MarkInfo does not say Marked true");
        }

        if (read.Language != language)
        {
            failures.Add($"11-006: the document's language is \"{read.Language}\", not \"{language}\"");
        }

        if (!read.DisplaysTitle)
        {
            failures.Add("07-001/07-002: ViewerPreferences lack DisplayDocTitle true");
        }

        if (!read.FontsEmbedded)
        {
            failures.Add("31: a font is not embedded");
        }

        failures.AddRange(read.Tabs.Select((tabs, page) => (tabs, page)).Where(p => p.tabs != "S")
            .Select(p => $"page {p.page + 1}: /Tabs is \"{p.tabs}\", not S (the structure order)"));

        Structure(read, failures);
        ParentTree(read, failures);
        return failures;
    }

    /// <summary>Reads the file with PDFsharp to be sure it opens at all (a broken cross-reference throws here).</summary>
    public static int Pages(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        return document.PageCount;
    }

    private static void Metadata(TaggedPdf read, List<string> failures)
    {
        if (read.Metadata.Length == 0)
        {
            failures.Add("06-001: no XMP metadata stream in the catalog");
            return;
        }

        // The packet's processing instructions carry a byte order mark; XML does not need them.
        var xml = XDocument.Parse(read.Metadata.TrimStart('\uFEFF'));
        var part = xml.Descendants(PdfUaId + "part").Select(p => p.Value.Trim()).FirstOrDefault();
        if (part != "1")
        {
            failures.Add($"06-002: the XMP metadata does not identify PDF/UA-1 (pdfuaid:part is \"{part}\")");
        }

        var title = xml.Descendants(Dc + "title").Descendants(Rdf + "li").Select(li => li.Value).FirstOrDefault() ?? "";
        if (title.Trim().Length == 0)
        {
            failures.Add("06-003: the XMP metadata has no dc:title");
        }
        else if (title != read.Title)
        {
            failures.Add($"06-003: dc:title \"{title}\" differs from the document information's title \"{read.Title}\"");
        }
    }

    private static void Structure(TaggedPdf read, List<string> failures)
    {
        if (read.Elements.Count == 0)
        {
            failures.Add("01-005: no structure tree");
            return;
        }

        foreach (var element in read.Elements)
        {
            if (!Standard.Contains(element.Type) && !read.RoleMapped.Contains(element.Type))
            {
                failures.Add($"02-001: \"{element.Type}\" is neither a standard structure type nor role-mapped");
            }

            if (Parents.TryGetValue(element.Type, out var allowed) && !allowed.Contains(element.Parent))
            {
                var checkpoint = element.Type is "LI" or "Lbl" or "LBody" ? "09-005" : "09-004";
                failures.Add($"{checkpoint}: {element.Type} \"{element.Text}\" sits in {element.Parent}, not in {string.Join("/", allowed)}");
            }

            if (element.Type == "Figure" && element.Alt.Trim().Length == 0 && element.ActualText.Trim().Length == 0)
            {
                failures.Add("13-004: a figure has no alternative text");
            }

            if (element.Type == "TH" && element.Scope is not ("Row" or "Column" or "Both"))
            {
                failures.Add($"15-003: header cell \"{element.Text}\" has no Scope");
            }
        }

        var headings = read.Elements.Where(e => e.Type is ['H', >= '1' and <= '6']).Select(e => (Level: e.Type[1] - '0', e.Text)).ToList();
        if (headings.Count > 0 && headings[0].Level != 1)
        {
            failures.Add($"14-002: the first heading \"{headings[0].Text}\" is H{headings[0].Level}, not H1");
        }

        for (var i = 1; i < headings.Count; i++)
        {
            if (headings[i].Level > headings[i - 1].Level + 1)
            {
                failures.Add($"14-003: H{headings[i].Level} \"{headings[i].Text}\" follows H{headings[i - 1].Level}: a level is skipped");
            }
        }
    }

    /// <summary>
    /// All real content is in the tree, exactly once (01-005), and each piece's parent tree entry names the element that
    /// holds it: assistive technology finds an element from the content under the pointer through it.
    /// </summary>
    private static void ParentTree(TaggedPdf read, List<string> failures)
    {
        var referenced = read.Referenced.ToHashSet();
        failures.AddRange(read.Drawn.Where(drawn => !referenced.Contains(drawn))
            .Select(d => $"01-005: page {d.Page + 1}, marked content {d.Mcid} is in no structure element"));
        failures.AddRange(read.Referenced.GroupBy(r => r).Where(g => g.Count() > 1)
            .Select(g => $"page {g.Key.Page + 1}: marked content {g.Key.Mcid} belongs to {g.Count()} structure elements"));
        foreach (var element in read.Elements)
        {
            foreach (var owned in element.Owns)
            {
                if (!read.ParentTree.TryGetValue(owned, out var parent) || parent != element.ObjectNumber)
                {
                    failures.Add($"page {owned.Page + 1}: the parent tree does not name {element.Type} for marked content {owned.Mcid}");
                }
            }
        }
    }
}

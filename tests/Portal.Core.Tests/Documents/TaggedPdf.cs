using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace Portal.Core.Tests.Documents;

/// <summary>
/// What a screen reader relies on in a PDF, read back from its bytes with PDFsharp: the catalog's tagging entries, the
/// structure tree in reading order (each element's type, alternative text and the text of its marked content), the text
/// drawn outside any artifact, and whether every font is embedded. Marked content must be balanced on every page.
/// </summary>
internal sealed record TaggedPdf(
    bool Marked,
    string Language,
    bool DisplaysTitle,
    string Title,
    string Metadata,
    int PageCount,
    bool FontsEmbedded,
    IReadOnlyList<TaggedElement> Elements,
    string Text,
    string ArtifactText)
{
    private static readonly Regex Operators = new(
        @"/(?<tag>[\w.]+)\s*<<\s*/MCID\s+(?<mcid>\d+)\s*>>\s*BDC|/(?<artifact>[\w.]+)\s+BMC|\bEMC\b|\b(?<text>BT|ET)\b"
            + @"|/(?<font>[\w.+-]+)\s+[-\d.]+\s+Tf|<(?<hex>[0-9A-Fa-f\s]*)>\s*Tj|\((?<literal>(?:\\.|[^\\)])*)\)\s*Tj",
        RegexOptions.Compiled);

    private static readonly Regex CodePairs = new(
        @"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>|<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
        RegexOptions.Compiled);

    private static readonly Encoding WinAnsi = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private static readonly string[] FontFiles = ["/FontFile", "/FontFile2", "/FontFile3"];

    public IEnumerable<TaggedElement> OfType(string type) => Elements.Where(e => e.Type == type);

    public static TaggedPdf Read(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var catalog = document.Internals.Catalog;
        var contents = new Dictionary<(int Page, int Mcid), string>();
        var text = new StringBuilder();
        var artifacts = new StringBuilder();
        var embedded = true;
        var pages = new Dictionary<PdfObjectID, int>();
        for (var index = 0; index < document.PageCount; index++)
        {
            var page = document.Pages[index];
            pages[PdfInternals.GetObjectID(page)] = index;
            var fonts = page.Elements.GetDictionary("/Resources")?.Elements.GetDictionary("/Font");
            embedded &= fonts is null || fonts.Elements.Keys.All(name => Embedded(fonts.Elements.GetDictionary(name)!));
            ReadPage(index, Content(page), Maps(fonts), contents, text, artifacts);
        }

        var elements = new List<TaggedElement>();
        var root = catalog.Elements.GetDictionary("/StructTreeRoot");
        if (root is not null)
        {
            Walk(root, null, pages, contents, elements);
        }

        return new TaggedPdf(
            catalog.Elements.GetDictionary("/MarkInfo")?.Elements.GetBoolean("/Marked") ?? false,
            catalog.Elements.GetString("/Lang"),
            catalog.Elements.GetDictionary("/ViewerPreferences")?.Elements.GetBoolean("/DisplayDocTitle") ?? false,
            document.Info.Title,
            Encoding.UTF8.GetString(catalog.Elements.GetDictionary("/Metadata")?.Stream?.UnfilteredValue ?? []),
            document.PageCount,
            embedded,
            elements,
            text.ToString(),
            artifacts.ToString());
    }

    /// <summary>The element's text: its own marked content and its children's, in order.</summary>
    private static string Walk(
        PdfDictionary node,
        int? page,
        Dictionary<PdfObjectID, int> pages,
        Dictionary<(int Page, int Mcid), string> contents,
        List<TaggedElement> elements)
    {
        var type = node.Elements.GetName("/S").TrimStart('/');
        var own = node.Elements.GetReference("/Pg") is { } pg ? pages[pg.ObjectID] : page;
        var attributes = Resolve(node.Elements["/A"]) as PdfDictionary;
        var element = type.Length > 0
            ? new TaggedElement(type, node.Elements.GetString("/Alt"), node.Elements.GetString("/ActualText"))
            {
                Scope = attributes?.Elements.GetName("/Scope").TrimStart('/') ?? "",
                ColumnSpan = attributes?.Elements.GetInteger("/ColSpan") ?? 0,
            }
            : null;
        if (element is not null)
        {
            elements.Add(element);
        }

        var parts = new List<string>();
        foreach (var kid in Kids(node.Elements["/K"]))
        {
            switch (kid)
            {
                case PdfInteger mcid:
                    parts.Add(contents.GetValueOrDefault((own ?? -1, mcid.Value), ""));
                    break;
                case PdfDictionary { Elements: var e } reference when e.GetName("/Type") == "/MCR":
                    parts.Add(contents.GetValueOrDefault((pages[e.GetReference("/Pg")!.ObjectID], e.GetInteger("/MCID")), ""));
                    break;
                case PdfDictionary child:
                    parts.Add(Walk(child, own, pages, contents, elements));
                    break;
            }
        }

        var all = string.Join(" ", parts.Where(p => p.Length > 0));
        if (element is not null)
        {
            element.Text = all;
        }

        return all;
    }

    private static IEnumerable<PdfItem> Kids(PdfItem? item) => Resolve(item) switch
    {
        null => [],
        PdfArray array => array.Elements.Select(Resolve).OfType<PdfItem>(),
        var single => [single],
    };

    private static PdfItem? Resolve(PdfItem? item) => item is PdfReference reference ? reference.Value : item;

    private static void ReadPage(
        int page,
        string content,
        Dictionary<string, Dictionary<int, string>> maps,
        Dictionary<(int Page, int Mcid), string> contents,
        StringBuilder text,
        StringBuilder artifacts)
    {
        // Each open marked content, and whether it began inside a text object: it must end in the same state.
        var open = new Stack<(int Mcid, bool InText)>();
        var inText = false;
        var font = "";
        foreach (Match match in Operators.Matches(content))
        {
            if (match.Groups["mcid"].Success)
            {
                open.Push((int.Parse(match.Groups["mcid"].Value, CultureInfo.InvariantCulture), inText));
            }
            else if (match.Groups["artifact"].Success)
            {
                open.Push((-1, inText));
            }
            else if (match.Value == "EMC")
            {
                Assert.True(open.Count > 0, $"page {page + 1}: EMC without an open marked content");
                var ended = open.Pop();
                Assert.True(ended.InText == inText, $"page {page + 1}: marked content {ended.Mcid} straddles BT or ET");
            }
            else if (match.Groups["text"].Success)
            {
                inText = match.Value == "BT";
            }
            else if (match.Groups["font"].Success)
            {
                font = match.Groups["font"].Value;
            }
            else
            {
                var drawn = match.Groups["hex"].Success
                    ? Decode(match.Groups["hex"].Value, maps.GetValueOrDefault(font))
                    : Unescape(match.Groups["literal"].Value);
                Assert.True(open.Count > 0, $"page {page + 1}: \"{drawn}\" is drawn outside any tagged element or artifact");
                var mcid = open.Peek().Mcid;
                (mcid < 0 ? artifacts : text).Append(drawn).Append(' ');
                if (mcid >= 0)
                {
                    contents[(page, mcid)] = contents.TryGetValue((page, mcid), out var before) ? before + " " + drawn : drawn;
                }
            }
        }

        Assert.True(open.Count == 0, $"page {page + 1}: {open.Count} marked contents are not closed");
    }

    private static string Content(PdfPage page)
    {
        var bytes = new List<byte>();
        foreach (var item in page.Contents.Elements)
        {
            if (Resolve(item) is PdfDictionary { Stream: { } stream })
            {
                bytes.AddRange(stream.UnfilteredValue);
                bytes.Add((byte)'\n');
            }
        }

        return Encoding.Latin1.GetString([.. bytes]);
    }

    /// <summary>For each font resource, its glyph codes and the text they stand for (its ToUnicode map).</summary>
    private static Dictionary<string, Dictionary<int, string>> Maps(PdfDictionary? fonts)
    {
        var maps = new Dictionary<string, Dictionary<int, string>>();
        foreach (var name in fonts?.Elements.Keys ?? [])
        {
            var map = new Dictionary<int, string>();
            var cmap = fonts!.Elements.GetDictionary(name)?.Elements.GetDictionary("/ToUnicode")?.Stream;
            if (cmap is not null)
            {
                var source = Encoding.Latin1.GetString(cmap.UnfilteredValue);
                foreach (Match pair in CodePairs.Matches(source))
                {
                    if (pair.Groups[3].Success)
                    {
                        var (first, last, start) = (Hex(pair.Groups[1].Value), Hex(pair.Groups[2].Value), Hex(pair.Groups[3].Value));
                        for (var code = first; code <= last; code++)
                        {
                            map[code] = char.ConvertFromUtf32(start + code - first);
                        }
                    }
                    else
                    {
                        map[Hex(pair.Groups[4].Value)] = Utf16(pair.Groups[5].Value);
                    }
                }
            }

            maps[name.TrimStart('/')] = map;
        }

        return maps;
    }

    private static bool Embedded(PdfDictionary font)
    {
        var described = font.Elements.GetArray("/DescendantFonts") is { } descendants
            ? (PdfDictionary)Resolve(descendants.Elements[0])!
            : font;
        var descriptor = described.Elements.GetDictionary("/FontDescriptor");
        return descriptor is not null && FontFiles.Any(descriptor.Elements.ContainsKey);
    }

    private static string Decode(string hex, Dictionary<int, string>? map)
    {
        hex = Regex.Replace(hex, @"\s", "");
        var text = new StringBuilder();
        for (var i = 0; i + 4 <= hex.Length; i += 4)
        {
            var code = Hex(hex.Substring(i, 4));
            text.Append(map is not null && map.TryGetValue(code, out var mapped) ? mapped : "\uFFFD");
        }

        return text.ToString();
    }

    /// <summary>A literal string's bytes (escapes undone) in the WinAnsi encoding PDFsharp writes simple fonts in.</summary>
    private static string Unescape(string literal)
    {
        var bytes = Regex.Replace(literal, @"\\([0-7]{1,3}|.)", m => m.Groups[1].Value switch
        {
            "n" => "\n",
            "r" => "\r",
            "t" => "\t",
            var octal when char.IsDigit(octal[0]) => ((char)Convert.ToInt32(octal, 8)).ToString(),
            var other => other,
        });
        return WinAnsi.GetString(Encoding.Latin1.GetBytes(bytes));
    }

    private static string Utf16(string hex) =>
        Encoding.BigEndianUnicode.GetString(Enumerable.Range(0, hex.Length / 2).Select(i => Convert.ToByte(hex.Substring(i * 2, 2), 16)).ToArray());

    private static int Hex(string hex) => int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}

/// <summary>An element of the structure tree: its type ("H2", "TH"), alternative and actual text, and the text it holds.</summary>
internal sealed class TaggedElement(string type, string alt, string actualText)
{
    public string Type { get; } = type;

    public string Alt { get; } = alt;

    public string ActualText { get; } = actualText;

    public string Text { get; set; } = "";

    /// <summary>For a header cell: whether it heads its "Column" or its "Row".</summary>
    public string Scope { get; init; } = "";

    public int ColumnSpan { get; init; }

    public override string ToString() => $"{Type}: {Text}";
}

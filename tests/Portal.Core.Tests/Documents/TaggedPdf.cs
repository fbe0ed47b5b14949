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
    /// <summary>What a validator would reject in the content streams: unbalanced or straddling marked content, text outside both.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Each page's /Tabs entry ("S": in the order of the structure), "" when it has none.</summary>
    public IReadOnlyList<string> Tabs { get; init; } = [];

    /// <summary>The marked-content ids drawn on each page, and those the structure tree points to.</summary>
    public IReadOnlySet<(int Page, int Mcid)> Drawn { get; init; } = new HashSet<(int, int)>();

    public IReadOnlyList<(int Page, int Mcid)> Referenced { get; init; } = [];

    /// <summary>For each page's marked content, the structure element its parent tree entry names (its object number).</summary>
    public IReadOnlyDictionary<(int Page, int Mcid), int> ParentTree { get; init; } = new Dictionary<(int, int), int>();

    /// <summary>The structure types the catalog's RoleMap maps to standard ones.</summary>
    public IReadOnlySet<string> RoleMapped { get; init; } = new HashSet<string>();

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

    /// <summary>Reads the file and fails the test on any problem in its content streams.</summary>
    public static TaggedPdf Read(byte[] pdf)
    {
        var read = ReadAll(pdf);
        Assert.True(read.Problems.Count == 0, string.Join("\n", read.Problems));
        return read;
    }

    /// <summary>Reads the file and lists the problems in its content streams instead of failing on them.</summary>
    public static TaggedPdf ReadAll(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var catalog = document.Internals.Catalog;
        var contents = new Dictionary<(int Page, int Mcid), string>();
        var text = new StringBuilder();
        var artifacts = new StringBuilder();
        var embedded = true;
        var pages = new Dictionary<PdfObjectID, int>();
        var problems = new List<string>();
        var tabs = new List<string>();
        var parents = new Dictionary<(int Page, int Mcid), int>();
        var root = catalog.Elements.GetDictionary("/StructTreeRoot");
        var parentTree = root?.Elements.GetDictionary("/ParentTree")?.Elements.GetArray("/Nums");
        for (var index = 0; index < document.PageCount; index++)
        {
            var page = document.Pages[index];
            pages[PdfInternals.GetObjectID(page)] = index;
            tabs.Add(page.Elements.GetName("/Tabs").TrimStart('/'));
            var fonts = page.Elements.GetDictionary("/Resources")?.Elements.GetDictionary("/Font");
            embedded &= fonts is null || fonts.Elements.Keys.All(name => Embedded(fonts.Elements.GetDictionary(name)!));
            ReadPage(index, Content(page), Maps(fonts), contents, text, artifacts, problems);
            if (page.Elements.ContainsKey("/StructParents") && parentTree is not null)
            {
                var key = page.Elements.GetInteger("/StructParents");
                for (var i = 0; i + 1 < parentTree.Elements.Count; i += 2)
                {
                    if (parentTree.Elements.GetInteger(i) == key && Resolve(parentTree.Elements[i + 1]) is PdfArray owners)
                    {
                        for (var mcid = 0; mcid < owners.Elements.Count; mcid++)
                        {
                            if (owners.Elements[mcid] is PdfReference owner)
                            {
                                parents[(index, mcid)] = owner.ObjectNumber;
                            }
                        }
                    }
                }
            }
        }

        var elements = new List<TaggedElement>();
        var referenced = new List<(int Page, int Mcid)>();
        if (root is not null)
        {
            Walk(root, null, null, pages, contents, elements, referenced);
        }

        var roles = root?.Elements.GetDictionary("/RoleMap")?.Elements.Keys.Select(k => k.TrimStart('/')) ?? [];

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
            artifacts.ToString())
        {
            Problems = problems,
            Tabs = tabs,
            Drawn = contents.Keys.ToHashSet(),
            Referenced = referenced,
            ParentTree = parents,
            RoleMapped = roles.ToHashSet(),
        };
    }

    /// <summary>The element's text: its own marked content and its children's, in order.</summary>
    private static string Walk(
        PdfDictionary node,
        TaggedElement? parent,
        int? page,
        Dictionary<PdfObjectID, int> pages,
        Dictionary<(int Page, int Mcid), string> contents,
        List<TaggedElement> elements,
        List<(int Page, int Mcid)> referenced)
    {
        var type = node.Elements.GetName("/S").TrimStart('/');
        var own = node.Elements.GetReference("/Pg") is { } pg ? pages[pg.ObjectID] : page;
        var attributes = Resolve(node.Elements["/A"]) as PdfDictionary;
        var element = type.Length > 0
            ? new TaggedElement(type, node.Elements.GetString("/Alt"), node.Elements.GetString("/ActualText"))
            {
                Scope = attributes?.Elements.GetName("/Scope").TrimStart('/') ?? "",
                ColumnSpan = attributes?.Elements.GetInteger("/ColSpan") ?? 0,
                Parent = parent?.Type ?? "",
                ObjectNumber = node.Reference?.ObjectNumber ?? 0,
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
                    referenced.Add((own ?? -1, mcid.Value));
                    element?.Owns.Add((own ?? -1, mcid.Value));
                    parts.Add(contents.GetValueOrDefault((own ?? -1, mcid.Value), ""));
                    break;
                case PdfDictionary { Elements: var e } when e.GetName("/Type") == "/MCR":
                    var part = (pages[e.GetReference("/Pg")!.ObjectID], e.GetInteger("/MCID"));
                    referenced.Add(part);
                    element?.Owns.Add(part);
                    parts.Add(contents.GetValueOrDefault(part, ""));
                    break;
                case PdfDictionary child:
                    parts.Add(Walk(child, element ?? parent, own, pages, contents, elements, referenced));
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
        StringBuilder artifacts,
        List<string> problems)
    {
        // Each open marked content, and the text object it began in (-1 outside any): it must end in the same one.
        var open = new Stack<(int Mcid, int TextObject)>();
        var (inText, textObject) = (false, 0);
        var font = "";
        foreach (Match match in Operators.Matches(content))
        {
            if (match.Groups["mcid"].Success)
            {
                var mcid = int.Parse(match.Groups["mcid"].Value, CultureInfo.InvariantCulture);
                if (open.Any(o => o.Mcid == -1))
                {
                    problems.Add($"page {page + 1}: tagged content {mcid} inside an artifact (Matterhorn 01-002)");
                }

                open.Push((mcid, inText ? textObject : -1));
            }
            else if (match.Groups["artifact"].Success)
            {
                if (open.Any(o => o.Mcid >= 0))
                {
                    problems.Add($"page {page + 1}: an artifact inside tagged content (Matterhorn 01-003)");
                }

                open.Push((-1, inText ? textObject : -1));
            }
            else if (match.Value == "EMC")
            {
                if (open.Count == 0)
                {
                    problems.Add($"page {page + 1}: EMC without an open marked content");
                    continue;
                }

                var ended = open.Pop();
                if (ended.TextObject != (inText ? textObject : -1))
                {
                    problems.Add($"page {page + 1}: marked content {ended.Mcid} begins and ends in different text objects");
                }
            }
            else if (match.Groups["text"].Success)
            {
                inText = match.Value == "BT";
                textObject += inText ? 1 : 0;
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
                if (open.Count == 0)
                {
                    problems.Add($"page {page + 1}: \"{drawn}\" is neither tagged nor an artifact (Matterhorn 01-005)");
                    continue;
                }

                var mcid = open.Peek().Mcid;
                (mcid < 0 ? artifacts : text).Append(drawn).Append(' ');
                if (mcid >= 0)
                {
                    contents[(page, mcid)] = contents.TryGetValue((page, mcid), out var before) ? before + " " + drawn : drawn;
                }
            }
        }

        if (open.Count > 0)
        {
            problems.Add($"page {page + 1}: {open.Count} marked contents are not closed");
        }
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

    /// <summary>The type of the nearest element above it ("" for the top).</summary>
    public string Parent { get; init; } = "";

    public int ObjectNumber { get; init; }

    /// <summary>The marked content it holds directly: (page, MCID).</summary>
    public List<(int Page, int Mcid)> Owns { get; } = [];

    public override string ToString() => $"{Type}: {Text}";
}

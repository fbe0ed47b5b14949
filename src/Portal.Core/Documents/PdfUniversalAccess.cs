using System.Globalization;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;

namespace Portal.Core.Documents;

/// <summary>
/// Saves a tagged PDF so that it says it is one: its XMP metadata names PDF/UA-1 (<c>pdfuaid:part</c>), its title and
/// its language. Viewers, validators and screen readers read that identification before anything else.
/// </summary>
/// <remarks>
/// PDFsharp 6.2 writes the XMP itself when it saves, from the document information, and offers no way to add to it.
/// So the document is saved as PDFsharp writes it, and one incremental update is appended (ISO 32000-1, 7.5.6): a new
/// version of the metadata stream under the same object number, a cross-reference section for it and a trailer that
/// points back to the first one. Every reader takes the newest version of an object; nothing before it changes.
/// </remarks>
public static partial class PdfUniversalAccess
{
    public const string Namespace = "http://www.aiim.org/pdfua/ns/id/";

    /// <summary>The saved document, identified as PDF/UA-1 in its metadata.</summary>
    public static byte[] Save(PdfDocument document)
    {
        var language = document.Internals.Catalog.Elements.GetString("/Lang");
        if (language.Length == 0)
        {
            throw new InvalidOperationException("A PDF/UA document states its language: write it with PdfPageFlow.");
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return Identified(stream.ToArray(), document.Info.Title, language);
    }

    private static byte[] Identified(byte[] pdf, string title, string language)
    {
        // The file's own bytes are ASCII outside its streams; Latin-1 maps each byte to one char and back.
        var text = Encoding.Latin1.GetString(pdf);
        var start = Last(StartXref(), text, "startxref");
        var trailer = Last(Trailer(), text, "trailer");
        var root = Reference(trailer, "/Root");
        var catalog = Object(text, start, root);
        var metadata = Reference(catalog, "/Metadata");
        var old = Object(text, start, metadata);
        var stream = Regex.Match(old, @"stream\r?\n(?<xmp>.*?)\r?\nendstream", RegexOptions.Singleline);
        if (!stream.Success || old.Contains("/Filter", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("PDFsharp's XMP metadata stream was not found as plain text.");
        }

        var xmp = Xmp(Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(stream.Groups["xmp"].Value)), title, language);
        var update = new StringBuilder("\n");
        var offset = pdf.Length + 1;
        var bytes = Encoding.UTF8.GetBytes(xmp);
        update.Append(CultureInfo.InvariantCulture, $"{metadata} 0 obj\n<</Type/Metadata/Subtype/XML/Length {bytes.Length}>>\nstream\n");
        var head = Encoding.Latin1.GetBytes(update.ToString());
        var tail = new StringBuilder("\nendstream\nendobj\n");
        var xref = offset - 1 + head.Length + bytes.Length + tail.Length;
        tail.Append(CultureInfo.InvariantCulture, $"xref\n{metadata} 1\n{offset:D10} 00000 n \ntrailer\n");
        var size = Regex.Match(trailer, @"/Size\s+(\d+)").Groups[1].Value;
        var id = Regex.Match(trailer, @"/ID\s*\[[^\]]*\]").Value;
        tail.Append(CultureInfo.InvariantCulture, $"<</Size {size}/Root {root} 0 R/Info {Reference(trailer, "/Info")} 0 R{id}/Prev {start}>>\n");
        tail.Append(CultureInfo.InvariantCulture, $"startxref\n{xref}\n%%EOF\n");
        return [.. pdf, .. head, .. bytes, .. Encoding.Latin1.GetBytes(tail.ToString())];
    }

    /// <summary>PDFsharp's XMP with the PDF/UA identification and the language added, and the title it should have.</summary>
    private static string Xmp(string xmp, string title, string language)
    {
        var escapedTitle = SecurityElement.Escape(title);
        var escapedLanguage = SecurityElement.Escape(language);
        if (!xmp.Contains("<dc:title>", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("PDFsharp's XMP metadata has no dc:title.");
        }

        xmp = DcTitle().Replace(xmp, _ => $"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{escapedTitle}</rdf:li></rdf:Alt></dc:title>"
            + $"\n        <dc:language><rdf:Bag><rdf:li>{escapedLanguage}</rdf:li></rdf:Bag></dc:language>");
        var identification = $"  <rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"{Namespace}\">\n"
            + "        <pdfuaid:part>1</pdfuaid:part>\n      </rdf:Description>\n    </rdf:RDF>";
        return xmp.Replace("</rdf:RDF>", identification, StringComparison.Ordinal);
    }

    private static string Last(Regex pattern, string text, string what) =>
        pattern.Matches(text) is { Count: > 0 } found
            ? found[^1].Groups[1].Value
            : throw new InvalidOperationException($"The saved PDF has no {what}.");

    private static int Reference(string dictionary, string key) =>
        Regex.Match(dictionary, Regex.Escape(key) + @"\s+(\d+)\s+0\s+R") is { Success: true } found
            ? int.Parse(found.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"The saved PDF has no {key}.");

    /// <summary>The object's text, found through the cross-reference table (one section from object 0, as PDFsharp writes).</summary>
    private static string Object(string text, string xref, int number)
    {
        var table = Regex.Match(text[int.Parse(xref, CultureInfo.InvariantCulture)..], @"^xref\s+0\s+(\d+)\r?\n");
        if (!table.Success || number >= int.Parse(table.Groups[1].Value, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"The saved PDF's cross-reference table has no object {number}.");
        }

        var entry = int.Parse(xref, CultureInfo.InvariantCulture) + table.Length + number * 20;
        var offset = int.Parse(text.AsSpan(entry, 10), CultureInfo.InvariantCulture);
        var end = text.IndexOf("endobj", offset, StringComparison.Ordinal);
        return text.AsSpan(offset).StartsWith($"{number} 0 obj") && end > 0
            ? text[offset..end]
            : throw new InvalidOperationException($"The saved PDF has no object {number} where its table says.");
    }

    [GeneratedRegex(@"startxref\s+(\d+)\s+%%EOF")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"trailer\s*(<<.*?>>)\s*(?:%[^\n]*\n)?\s*startxref", RegexOptions.Singleline)]
    private static partial Regex Trailer();

    [GeneratedRegex(@"<dc:title>.*?</dc:title>", RegexOptions.Singleline)]
    private static partial Regex DcTitle();
}

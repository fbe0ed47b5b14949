using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Portal.Core.Documents;

namespace Portal.Core.Tests.Documents;

/// <summary>
/// The PDF/UA identification PDFsharp cannot write (added by an incremental update), and the Matterhorn checks that
/// stand in for a validator: they pass our documents (the transparency report and tax statement tests) and here they
/// must fail documents that break the rules.
/// </summary>
public class PdfUniversalAccessTests
{
    [Fact]
    public void The_saved_file_identifies_as_pdf_ua_1_with_its_title_and_language_and_still_opens()
    {
        var title = "Bericht <Nairobi> & \"Kisumu\" $1 · 2026";
        var pdf = Tagged(title, "de", flow =>
        {
            flow.Heading(title, 1);
            flow.Text("Ein Absatz.", PdfPageFlow.Font(10));
        });

        Assert.Empty(Matterhorn.Check(pdf, "de"));
        var read = TaggedPdf.Read(pdf);
        Assert.Equal(title, read.Title);
        Assert.Contains("<pdfuaid:part>1</pdfuaid:part>", read.Metadata, StringComparison.Ordinal);
        Assert.Contains("<dc:language><rdf:Bag><rdf:li>de</rdf:li></rdf:Bag></dc:language>", read.Metadata, StringComparison.Ordinal);
        Assert.Contains("Bericht &lt;Nairobi&gt; &amp; &quot;Kisumu&quot; $1", read.Metadata, StringComparison.Ordinal);
        Assert.Equal(["S"], read.Tabs);
        Assert.Equal(1, Matterhorn.Pages(pdf));
        // One update appended: the file PDFsharp wrote is unchanged in front of it.
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        Assert.Equal(2, text.Split("%%EOF").Length - 1);
        Assert.Contains("/Prev ", text[text.LastIndexOf("trailer", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_without_tags_fails_the_checks_a_validator_makes()
    {
        using var document = new PdfDocument();
        document.Info.Title = "Untagged";
        var page = document.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            graphics.DrawString("Untagged text", PdfPageFlow.Font(10), XBrushes.Black, 50, 50);
        }

        using var stream = new MemoryStream();
        document.Save(stream);

        var failures = Matterhorn.Check(stream.ToArray(), "en");

        Assert.Contains(failures, f => f.StartsWith("06-002", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("07-001", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("11-006", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("7.1", StringComparison.Ordinal));
        var untagged = "\"Untagged text\" is neither tagged nor an artifact (Matterhorn 01-005)";
        Assert.Contains(failures, f => f.Contains(untagged, StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("/Tabs", StringComparison.Ordinal));
    }

    [Fact]
    public void A_skipped_heading_level_and_a_missing_identification_fail_while_the_rest_passes()
    {
        using var document = new PdfDocument();
        document.Info.Title = "Skipped";
        using (var flow = new PdfPageFlow(document, "fr"))
        {
            flow.Heading("Titre", 1);
            flow.Heading("Trop bas", 3);
        }

        using var stream = new MemoryStream();
        document.Save(stream);

        var failures = Matterhorn.Check(stream.ToArray(), "fr");

        Assert.Equal(2, failures.Count);
        Assert.StartsWith("06-002", failures[0], StringComparison.Ordinal);
        Assert.Equal("14-003: H3 \"Trop bas\" follows H1: a level is skipped", failures[1]);
    }

    [Fact]
    public void A_document_without_its_language_is_refused_rather_than_saved_unidentified()
    {
        using var document = new PdfDocument();
        document.Info.Title = "No language";
        document.AddPage();

        var refused = Assert.Throws<InvalidOperationException>(() => PdfUniversalAccess.Save(document));

        Assert.Contains("language", refused.Message, StringComparison.Ordinal);
    }

    private static byte[] Tagged(string title, string language, Action<PdfPageFlow> write)
    {
        using var document = new PdfDocument();
        document.Info.Title = title;
        using (var flow = new PdfPageFlow(document, language))
        {
            write(flow);
        }

        return PdfUniversalAccess.Save(document);
    }
}

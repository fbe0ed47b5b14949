using Portal.Core.Communications.Updates;

namespace Portal.Core.Tests.Communications.Updates;

/// <summary>An update body keeps its formatting and loses every way to run code or load a foreign page.</summary>
public class UpdateMarkdownTests
{
    [Fact]
    public void Formatting_survives_and_the_plain_text_alternative_reads_well()
    {
        var body = UpdateMarkdown.Render(
            "## School year\n\nThanks to you, **42 children** started school.\n\n- books\n- uniforms\n\n[Read more](https://example.org/report)");

        Assert.Contains("<h2", body.Html, StringComparison.Ordinal);
        Assert.Contains("<strong>42 children</strong>", body.Html, StringComparison.Ordinal);
        Assert.Contains("<li>books</li>", body.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org/report\"", body.Html, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer\"", body.Html, StringComparison.Ordinal);
        Assert.Contains("42 children started school", body.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("**", body.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "<img src=\"x\" onerror")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "<iframe")]
    [InlineData("[click](javascript:alert(1))", "javascript:")]
    [InlineData("![x](javascript:alert(1))", "javascript:")]
    [InlineData("<a href=\"https://x.example\" onclick=\"steal()\">x</a>", "<a href=\"https://x.example\" onclick")]
    [InlineData("<form action=\"https://evil.example\"><input name=card></form>", "<form")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">x</div>", "<div style")]
    public void Script_handlers_frames_forms_and_script_links_do_not_survive(string markdown, string forbidden)
    {
        var body = UpdateMarkdown.Render(markdown);

        Assert.DoesNotContain(forbidden, body.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", body.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_dropped_so_the_writer_sees_what_happened()
    {
        var body = UpdateMarkdown.Render("Use <b>bold</b> like this");

        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", body.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", body.Html, StringComparison.Ordinal);
    }
}

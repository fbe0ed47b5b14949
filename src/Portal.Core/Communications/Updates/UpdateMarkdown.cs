using Ganss.Xss;
using Markdig;

namespace Portal.Core.Communications.Updates;

/// <summary>
/// Turns an impact update's Markdown into the HTML that goes into the page and the e-mail, and its plain-text
/// alternative. Raw HTML in the Markdown is shown as text, never as markup; the HTML that Markdown itself produces is
/// then sanitised against a short list of tags, attributes and schemes, so no script, event handler, style, form or
/// foreign frame survives whatever a writer (or an attacker with a writer's password) types.
/// </summary>
public static class UpdateMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UsePipeTables()
        .Build();

    private static readonly string[] Tags =
    [
        "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "del", "blockquote", "ul", "ol", "li", "a", "img",
        "table", "thead", "tbody", "tr", "th", "td", "code", "pre",
    ];

    /// <summary>Sanitisers are not documented as thread-safe; one per thread keeps a send of thousands lock-free.</summary>
    private static readonly ThreadLocal<HtmlSanitizer> Sanitizers = new(CreateSanitizer);

    public static RenderedMarkdown Render(string? markdown)
    {
        var source = markdown ?? "";
        var html = Sanitizers.Value!.Sanitize(Markdown.ToHtml(source, Pipeline));
        var text = Markdown.ToPlainText(source, Pipeline).Trim();
        return new RenderedMarkdown(html, text);
    }

    /// <summary>
    /// The Markdown's blocks as the page and the e-mail read them (the same extensions, raw HTML kept as text), for a
    /// document that lays them out itself: the transparency report's PDF.
    /// </summary>
    public static Markdig.Syntax.MarkdownDocument Parse(string? markdown) => Markdown.Parse(markdown ?? "", Pipeline);

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "src", "alt", "title", "align"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["https", "http", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };
        var sanitizer = new HtmlSanitizer(options);
        // Links leave the charity's site: no referrer, no access to the opening page.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "noopener noreferrer");
            }
        };
        sanitizer.AllowedAttributes.Add("rel");
        return sanitizer;
    }
}

/// <summary>An update body as sanitised HTML and as plain text.</summary>
public sealed record RenderedMarkdown(string Html, string Text);

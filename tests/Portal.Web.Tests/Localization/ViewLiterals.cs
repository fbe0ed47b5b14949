using System.Text.RegularExpressions;

namespace Portal.Web.Tests.Localization;

/// <summary>
/// A heuristic for English written straight into a Razor view: the view less comments, directives, code elements, code blocks,
/// Razor expressions (@Model.X, @(...), @T["..."]), the code around markup (@if (...), else, braces) and lines of C#
/// (assignments), then the text between two tags that still holds a word not allowed. The same as
/// FinanceTextTests' own, with the allowed words given.
/// </summary>
internal static partial class ViewLiterals
{
    public static IEnumerable<string> Texts(string view, IReadOnlySet<string> allowedWords)
    {
        var markup = Comment().Replace(view, " ");
        markup = Directive().Replace(markup, " ");
        markup = Code().Replace(markup, " ");
        markup = CodeBlock().Replace(markup, " ");
        markup = RazorCode().Replace(markup, " ");
        markup = CodeLine().Replace(markup, " ");
        return TextNode().Matches(markup).Select(m => m.Groups["text"].Value.Trim())
            .Where(text => Word().Matches(text).Any(word => !allowedWords.Contains(word.Value)));
    }

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex Comment();

    /// <summary>A line such as @inject Type Name or @using Namespace.</summary>
    [GeneratedRegex(@"^\s*@(?:page|model|using|inject|namespace|addTagHelper)\b.*$", RegexOptions.Multiline)]
    private static partial Regex Directive();

    [GeneratedRegex(@"<code[^>]*>[^<]*</code>")]
    private static partial Regex Code();

    [GeneratedRegex(@"@\{(?>[^{}]+|\{(?<d>)|\}(?<-d>))*(?(d)(?!))\}")]
    private static partial Regex CodeBlock();

    /// <summary>@if (...), else if (...), @foreach (...), @(...), @Model.X.Y(...), @T["..."], else and braces.</summary>
    [GeneratedRegex(@"(?:@|\belse\s+)?\b(?:if|foreach|for|while|switch|using)\s*\((?>[^()]+|\((?<d>)|\)(?<-d>))*(?(d)(?!))\)"
        + @"|@(?:await\s+)?(?:\((?>[^()]+|\((?<e>)|\)(?<-e>))*(?(e)(?!))\)|[A-Za-z_]\w*(?:[.?]+\w+|\((?>[^()]+|\((?<f>)|\)(?<-f>))*(?(f)(?!))\)"
        + @"|\[[^\]]*\])*)|\belse\b|[{}]")]
    private static partial Regex RazorCode();

    [GeneratedRegex(@"^.*(?:=|\bvar\b).*;\s*$", RegexOptions.Multiline)]
    private static partial Regex CodeLine();

    [GeneratedRegex(@">(?<text>[^<>]+)<")]
    private static partial Regex TextNode();

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex Word();
}

using System.Text.RegularExpressions;

namespace Portal.Web.Tests.Localization;

/// <summary>
/// The Finance pages read their texts from FinanceText.resx (English only, decision 030): every key they ask for is
/// there, and no view keeps English text written between its tags.
/// </summary>
public partial class FinanceTextTests
{
    /// <summary>Words that may stand in a view as they are: codes and units, not sentences.</summary>
    private static readonly HashSet<string> AllowedWords = ["UTC", "CSV", "XLSX", "EUR", "USD", "GBP", "CHF"];

    private static string Pages => Path.Combine(ResourceFiles.RepositoryRoot(), "src", "Portal.Web", "Areas", "Finance", "Pages");

    /// <summary>The fundraising page, which Communications opens too, speaks Finance's words.</summary>
    private static string Fundraising => Path.Combine(ResourceFiles.RepositoryRoot(), "src", "Portal.Web", "Pages", "Fundraising");

    [Fact]
    public void Every_text_the_finance_pages_ask_for_is_in_the_finance_resource()
    {
        var root = ResourceFiles.RepositoryRoot();
        var neutral = ResourceFiles.Read(Path.Combine(root, "src", "Portal.Web", "Resources", "FinanceText.resx"));
        var used = Directory.EnumerateFiles(Pages, "*.cs*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Fundraising, "*.cs*"))
            .SelectMany(file => ResourceCompletenessTests.UsedKeys(File.ReadAllText(file))
                .Select(key => (File: Path.GetRelativePath(root, file), Key: key)))
            .ToList();

        Assert.True(used.Count > 250, $"only {used.Count} texts found: does the scan still match how pages ask for texts?");
        var missing = used.Where(use => !neutral.ContainsKey(use.Key))
            .Select(use => $"{use.File}: \"{use.Key}\" is not in FinanceText.resx").ToList();
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void Finance_views_write_no_english_text_between_their_tags()
    {
        var literals = Directory.EnumerateFiles(Pages, "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Fundraising, "*.cshtml"))
            .Where(file => !Path.GetFileName(file).StartsWith("_View", StringComparison.Ordinal))
            .SelectMany(file => LiteralTexts(File.ReadAllText(file)).Select(text => $"{Path.GetRelativePath(Pages, file)}: \"{text}\""))
            .ToList();

        Assert.True(literals.Count == 0, string.Join(Environment.NewLine, literals));
    }

    /// <summary>
    /// A heuristic: the view less comments, code elements, code blocks, Razor expressions (@Model.X, @(...), @T["..."]), the code
    /// around markup (@if (...), else, braces) and lines of C# (assignments), then the text between two tags that still
    /// holds a word not allowed.
    /// </summary>
    private static IEnumerable<string> LiteralTexts(string view)
    {
        var markup = Comment().Replace(view, " ");
        markup = Code().Replace(markup, " ");
        markup = CodeBlock().Replace(markup, " ");
        markup = RazorCode().Replace(markup, " ");
        markup = CodeLine().Replace(markup, " ");
        return TextNode().Matches(markup).Select(m => m.Groups["text"].Value.Trim())
            .Where(text => Word().Matches(text).Any(word => !AllowedWords.Contains(word.Value)));
    }

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"<code>[^<]*</code>")]
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

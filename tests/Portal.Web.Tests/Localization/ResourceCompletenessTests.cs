using System.Text.RegularExpressions;
using Portal.Core.Languages;

namespace Portal.Web.Tests.Localization;

/// <summary>
/// Every text a donor reads is in every language: each neutral .resx under src/ has a German, French and Spanish file
/// with the same keys, no empty text and the same placeholders; and every key the donor pages ask for exists. Staff
/// resources (<see cref="ResourceFiles.EnglishOnly"/>) are English only: they need only English texts.
/// </summary>
public partial class ResourceCompletenessTests
{
    private static readonly string[] Translations = [.. PortalLanguages.Supported.Where(l => l != PortalLanguages.Default)];

    [Fact]
    public void Every_resource_has_every_key_in_every_language_with_the_same_placeholders()
    {
        var neutralFiles = ResourceFiles.Neutral();
        Assert.Contains(neutralFiles, file => file.EndsWith("DonorText.resx", StringComparison.Ordinal));
        var problems = new List<string>();
        foreach (var neutralFile in neutralFiles)
        {
            var neutral = ResourceFiles.Read(neutralFile);
            problems.AddRange(neutral.Where(text => string.IsNullOrWhiteSpace(text.Value))
                .Select(text => $"{ResourceFiles.Relative(neutralFile)}: \"{text.Key}\" has no English text"));
            foreach (var language in ResourceFiles.IsEnglishOnly(neutralFile) ? [] : Translations)
            {
                problems.AddRange(Compare(neutralFile, neutral, language));
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// The resource compiler keeps one of two keys that differ only by case (MSB3568) and drops the other, so its text
    /// could never be translated apart. A text needed in lower case too has its own key, "… (in a sentence)".
    /// </summary>
    [Fact]
    public void No_resource_has_two_keys_that_differ_only_by_case()
    {
        var clashes = ResourceFiles.Neutral()
            .SelectMany(file => ResourceFiles.Read(file).Keys.GroupBy(key => key, StringComparer.OrdinalIgnoreCase)
                .Where(keys => keys.Count() > 1)
                .Select(keys => $"{ResourceFiles.Relative(file)}: {string.Join(", ", keys.Select(k => $"\"{k}\""))}"))
            .ToList();
        Assert.True(clashes.Count == 0, string.Join(Environment.NewLine, clashes));
    }

    [Fact]
    public void Every_text_the_donor_pages_ask_for_is_in_the_neutral_resource()
    {
        var root = ResourceFiles.RepositoryRoot();
        var neutral = ResourceFiles.Read(Path.Combine(root, "src", "Portal.Web", "Resources", "DonorText.resx"));
        var pages = Path.Combine(root, "src", "Portal.Web", "Pages");
        var used = Directory.EnumerateFiles(pages, "*.cs*", SearchOption.AllDirectories)
            .Where(file => IsDonorPage(Path.GetRelativePath(pages, file)))
            .SelectMany(file => UsedKeys(File.ReadAllText(file)).Select(key => (File: Path.GetRelativePath(root, file), Key: key)))
            .ToList();

        Assert.True(used.Count > 200, $"only {used.Count} texts found: does the scan still match how pages ask for texts?");
        var missing = used.Where(use => !neutral.ContainsKey(use.Key)).Select(use => $"{use.File}: \"{use.Key}\" is not in DonorText.resx");
        Assert.Empty(missing);
    }

    private static IEnumerable<string> Compare(string neutralFile, Dictionary<string, string> neutral, string language)
    {
        var file = ResourceFiles.Translation(neutralFile, language);
        var name = ResourceFiles.Relative(file);
        if (!File.Exists(file))
        {
            yield return $"{name}: missing (the {language} texts of {ResourceFiles.Relative(neutralFile)})";
            yield break;
        }

        var translated = ResourceFiles.Read(file);
        foreach (var (key, english) in neutral)
        {
            if (!translated.TryGetValue(key, out var text))
            {
                yield return $"{name}: key \"{key}\" is missing in {language}";
            }
            else if (string.IsNullOrWhiteSpace(text))
            {
                yield return $"{name}: key \"{key}\" is empty in {language}";
            }
            else if (Placeholders(english) != Placeholders(text))
            {
                yield return $"{name}: key \"{key}\" has placeholders {Placeholders(text)} in {language}, {Placeholders(english)} in English";
            }
        }

        foreach (var key in translated.Keys.Where(key => !neutral.ContainsKey(key)))
        {
            yield return $"{name}: key \"{key}\" in {language} is not in the neutral file";
        }
    }

    private static string Placeholders(string text) =>
        string.Join(" ", Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).Select(n => $"{{{n}}}"));

    /// <summary>
    /// Donor pages: all under Pages/ but the staff sign-in pages, the sandbox and mailbox developer tools, and the
    /// fundraising figures (staff, in FinanceText).
    /// </summary>
    private static bool IsDonorPage(string relative) =>
        !relative.StartsWith("Staff", StringComparison.Ordinal)
        && !relative.StartsWith("Sandbox", StringComparison.Ordinal)
        && !relative.StartsWith("Mailbox", StringComparison.Ordinal)
        && !relative.StartsWith("Fundraising", StringComparison.Ordinal);

    /// <summary>The keys given as literals: T["..."] in views, text["..."] in page models, and data-annotation texts.</summary>
    internal static IEnumerable<string> UsedKeys(string source) =>
        LocalizerCall().Matches(source).Concat(AnnotationText().Matches(source)).Select(m => Regex.Unescape(m.Groups["key"].Value));

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\b(?:T|text)\[\s*""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex(@"\b(?:ErrorMessage|Display\(Name)\s*=\s*""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex AnnotationText();
}

using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Portal.Core.Languages;
using Portal.Core.Sponsorships;

namespace Portal.Core.Tests.Sponsorships;

/// <summary>The confirmation of a donor's change reads the same in every language: the same texts, the same blanks filled.</summary>
public partial class SponsorshipChangeEmailTextTests
{
    private static readonly ResourceManager Resources =
        new("Portal.Core.Sponsorships.SponsorshipChangeEmailText", typeof(SponsorshipChangeEmailText).Assembly);

    public static TheoryData<string> Translations => new(PortalLanguages.Supported.Where(l => l != PortalLanguages.Default));

    [Theory]
    [MemberData(nameof(Translations))]
    public void Each_language_has_every_text_with_the_same_placeholders(string language)
    {
        var english = Texts(CultureInfo.InvariantCulture);
        var translated = Texts(CultureInfo.GetCultureInfo(language));

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), translated.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in english)
        {
            Assert.True(Placeholders(text).SetEquals(Placeholders(translated[key])), $"{language} {key}: {translated[key]}");
            // Written out, not copied: only a date pattern may read the same (French writes dates as English does).
            Assert.True(key == "DateFormat" || text != translated[key], $"{language} {key} is the English text");
        }
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void A_donors_language_chooses_the_texts_and_the_date_format(string language)
    {
        var text = SponsorshipChangeEmailText.For(language.ToUpperInvariant() + "-XX");

        Assert.Equal(language, text.Language);
        Assert.Equal(Texts(CultureInfo.GetCultureInfo(language))["Action"], text["Action"]);
        Assert.Equal(new DateOnly(2027, 3, 5).ToString(text["DateFormat"], text.Culture), text.Day(new DateOnly(2027, 3, 5)));
    }

    /// <summary>The texts of one resource file alone, without falling back to English.</summary>
    private static Dictionary<string, string> Texts(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}

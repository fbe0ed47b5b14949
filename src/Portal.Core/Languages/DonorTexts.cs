using System.Globalization;
using System.Resources;

namespace Portal.Core.Languages;

/// <summary>
/// The words of one donor-facing e-mail or document in one language: a resource file (<c>X.resx</c> in English, with
/// <c>X.de.resx</c>, <c>X.fr.resx</c> and <c>X.es.resx</c> beside it) read in the donor's language, normalised by
/// <see cref="PortalLanguages"/>. A language without a translation, or a text missing from one, falls back to English.
/// </summary>
public sealed class DonorTexts
{
    private readonly ResourceManager resources;

    public DonorTexts(ResourceManager resources, string? language)
    {
        this.resources = resources;
        Language = PortalLanguages.Normalize(language);
        Culture = PortalLanguages.Culture(Language);
    }

    /// <summary>The supported language the texts are in ("en", "de", "fr", "es"): the <c>lang</c> of the message.</summary>
    public string Language { get; }

    /// <summary>Numbers, money and dates are written in it.</summary>
    public CultureInfo Culture { get; }

    public string this[string key] => resources.GetString(key, Culture) ?? throw new InvalidOperationException($"No text '{key}'.");

    /// <summary>The text, or null when the resource has none of that name.</summary>
    public string? Find(string key) => resources.GetString(key, Culture);

    /// <summary>A text with its placeholders ({0}, {1}…) filled in, numbers in the language's culture.</summary>
    public string Format(string key, params object?[] values) => string.Format(Culture, this[key], values);

    /// <summary>A day written out: "5 March 2026", "5. März 2026", "5 mars 2026", "5 de marzo de 2026".</summary>
    public string Date(DateOnly day) => day.ToString(LongDatePattern(Language), Culture);

    /// <summary>The pattern of <see cref="Date"/> for a supported language.</summary>
    public static string LongDatePattern(string? language) => PortalLanguages.Normalize(language) switch
    {
        "de" => "d. MMMM yyyy",
        "es" => "d 'de' MMMM 'de' yyyy",
        _ => "d MMMM yyyy",
    };
}

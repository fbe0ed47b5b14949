using System.Globalization;

namespace Portal.Core.Languages;

/// <summary>
/// The languages donors read the portal in: pages, e-mails, receipts, tax statements and transparency reports.
/// English is the default and the fallback for a text not yet translated.
/// </summary>
public static class PortalLanguages
{
    public const string Default = "en";

    /// <summary>Two-letter codes, the default first.</summary>
    public static readonly IReadOnlyList<string> Supported = ["en", "de", "fr", "es"];

    /// <summary>The supported language a code or culture name ("de-AT", "FR") stands for, or the default.</summary>
    public static string Normalize(string? language) =>
        language is { Length: >= 2 } && Supported.FirstOrDefault(s => language[..2].Equals(s, StringComparison.OrdinalIgnoreCase)) is { } found
            ? found
            : Default;

    /// <summary>Whether a code or culture name stands for a supported language.</summary>
    public static bool IsSupported(string? language) =>
        language is { Length: >= 2 } && Supported.Any(s => language[..2].Equals(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>The culture a language's texts, numbers, dates and money are written in when nothing more precise is known.</summary>
    public static CultureInfo Culture(string? language) => CultureInfo.GetCultureInfo(Normalize(language) switch
    {
        "de" => "de-DE",
        "fr" => "fr-FR",
        "es" => "es-ES",
        _ => "en-GB",
    });

    /// <summary>The language's own name, as shown in a language switcher.</summary>
    public static string NativeName(string language) => Normalize(language) switch
    {
        "de" => "Deutsch",
        "fr" => "Français",
        "es" => "Español",
        _ => "English",
    };
}

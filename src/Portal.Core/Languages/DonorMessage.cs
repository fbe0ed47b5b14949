using System.Globalization;
using Portal.Core.Shared;

namespace Portal.Core.Languages;

/// <summary>
/// Something Core tells a donor on a page (a refusal, what happens next): its English words, which are also its key in
/// the web's donor texts, with {0}, {1}… where its values go, and the values themselves. The page that shows it
/// translates the words and writes the values in the reader's culture: an amount as "30,00 €", a day as "5. März 2026".
/// </summary>
public sealed class DonorMessage(string text, params object?[] values)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The English words with their placeholders: the key of the translation.</summary>
    public string Text { get; } = text;

    public IReadOnlyList<object?> Values { get; } = values;

    /// <summary>The words (translated or not) with each value written for <paramref name="culture"/> in <paramref name="language"/>.</summary>
    public string Format(string words, CultureInfo culture, string? language) =>
        string.Format(culture, words, [.. Values.Select(value => Write(value, culture, language))]);

    /// <summary>A value as the reader reads it: money with its currency, a day written out, numbers in their culture.</summary>
    public static string Write(object? value, CultureInfo culture, string? language) => value switch
    {
        Money money => money.Format(culture),
        DateOnly day => day.ToString(DonorTexts.LongDatePattern(language), culture),
        IFormattable formattable => formattable.ToString(null, culture),
        _ => value?.ToString() ?? "",
    };

    /// <summary>In English, for logs and tests.</summary>
    public override string ToString() => Format(Text, English, "en");
}

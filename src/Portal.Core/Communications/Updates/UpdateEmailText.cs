using System.Globalization;
using System.Resources;
using Portal.Core.Communications.Consent;
using Portal.Core.Spending;

namespace Portal.Core.Communications.Updates;

/// <summary>
/// The words around an update, from <c>UpdateEmailText.resx</c> (English) and its translations (<c>.de.resx</c>),
/// chosen by the donor's language. A language without a translation falls back to English.
/// </summary>
public sealed class UpdateEmailText
{
    public static readonly IReadOnlyList<string> Languages = ["en", "de"];

    private static readonly ResourceManager Resources = new("Portal.Core.Communications.Updates.UpdateEmailText", typeof(UpdateEmailText).Assembly);

    private UpdateEmailText(string language, CultureInfo culture)
    {
        Language = language;
        Culture = culture;
    }

    /// <summary>"en" or "de": what the message is written in.</summary>
    public string Language { get; }

    /// <summary>Numbers and money are formatted for it (de-DE, en-GB).</summary>
    public CultureInfo Culture { get; }

    public static UpdateEmailText For(string? language)
    {
        var chosen = language is { Length: >= 2 } && language[..2].Equals("de", StringComparison.OrdinalIgnoreCase) ? "de" : "en";
        return new UpdateEmailText(chosen, CultureInfo.GetCultureInfo(chosen == "de" ? "de-DE" : "en-GB"));
    }

    public string this[string key] => Resources.GetString(key, Culture) ?? throw new InvalidOperationException($"No e-mail text '{key}'.");

    public string Format(string key, params object[] values) => string.Format(Culture, this[key], values);

    public string Category(SpendingCategory category) => this[$"Category_{category}"];

    public string Unsubscribe(MailTopics topic) => this[$"Unsubscribe_{topic}"];

    public string Topic(MailTopics topic) => this[$"Topic_{topic}"];

    /// <summary>"a, b and c" in the language.</summary>
    public string List(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} {this["And"]} {items[^1]}";
}

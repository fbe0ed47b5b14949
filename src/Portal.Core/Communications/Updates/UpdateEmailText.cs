using System.Globalization;
using System.Resources;
using Portal.Core.Communications.Consent;
using Portal.Core.Languages;
using Portal.Core.Spending;

namespace Portal.Core.Communications.Updates;

/// <summary>
/// The words around an update, from <c>UpdateEmailText.resx</c> (English) and its translations (<c>.de</c>, <c>.fr</c>, <c>.es</c>),
/// chosen by the donor's language. A language without a translation falls back to English.
/// </summary>
public sealed class UpdateEmailText
{
    /// <summary>The languages an update can be written in: those the portal speaks.</summary>
    public static IReadOnlyList<string> Languages => PortalLanguages.Supported;

    private static readonly ResourceManager Resources = new("Portal.Core.Communications.Updates.UpdateEmailText", typeof(UpdateEmailText).Assembly);

    private UpdateEmailText(string language, CultureInfo culture)
    {
        Language = language;
        Culture = culture;
    }

    /// <summary>A supported language ("en", "de", "fr", "es"): what the message is written in.</summary>
    public string Language { get; }

    /// <summary>Numbers and money are formatted for it (<see cref="PortalLanguages.Culture"/>).</summary>
    public CultureInfo Culture { get; }

    public static UpdateEmailText For(string? language)
    {
        var chosen = PortalLanguages.Normalize(language);
        return new UpdateEmailText(chosen, PortalLanguages.Culture(chosen));
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

using System.Globalization;
using System.Resources;
using Portal.Core.Languages;

namespace Portal.Core.Communications.Consent;

/// <summary>
/// Every wording a consent choice has been shown with, by version. A record keeps the rendered text too; the ids let a
/// data-protection officer see which records share a wording. A changed wording gets a new id; old ones stay here.
/// </summary>
public static class ConsentWordings
{
    /// <summary>The sponsor form's set of choices today.</summary>
    public const string SponsorFormSet = "sponsor-form.v1";

    /// <summary>The single box the sponsor form had until December 2026 (decision 026).</summary>
    public const string LegacySponsorFormSet = "sponsor-form.v0";

    private static readonly ResourceManager Texts =
        new("Portal.Core.Communications.Consent.ConsentWordingText", typeof(ConsentWordings).Assembly);

    public static readonly IReadOnlyList<MailTopics> Topics = [MailTopics.ImpactUpdates, MailTopics.TransparencyReports, MailTopics.Appeals];

    /// <summary>The sponsor form's wording for one topic, naming the fund.</summary>
    public static (string Id, string Text) SponsorForm(string set, MailTopics topic, string fundName) => set == LegacySponsorFormSet
        ? ($"{LegacySponsorFormSet}.news", Format(LegacyNews, fundName))
        : ($"{SponsorFormSet}.{Slug(topic)}", Format(topic switch
        {
            MailTopics.ImpactUpdates => "Impact updates: send me stories of how {0} uses its money (a few times a year; one click to stop).",
            MailTopics.TransparencyReports => "Transparency reports: send me, each quarter and year, what {0} received and how it was spent.",
            _ => "Appeals: ask me for help when there is an emergency (occasionally; one click to stop).",
        }, fundName));

    /// <summary>The old box's words; "{0}" was the fund's name.</summary>
    public const string LegacyNews = "Send me news of how {0} uses its money (a few times a year; one click to stop).";

    /// <summary>
    /// The preferences page's wording for one topic in a portal language (<c>ConsentWordingText.resx</c>); a record keeps
    /// the words in the language the donor read them in, the id naming that language unless it is English.
    /// </summary>
    public static (string Id, string Label, string Hint) Preferences(MailTopics topic, string? language = null)
    {
        var chosen = PortalLanguages.Normalize(language);
        var culture = PortalLanguages.Culture(chosen);
        var id = $"preferences.{Slug(topic)}.v1" + (chosen == PortalLanguages.Default ? "" : $".{chosen}");
        return (id, Text($"Label_{topic}", culture), Text($"Hint_{topic}", culture));
    }

    /// <summary>The preferences page's wording for one topic as one line, as a record keeps it.</summary>
    public static (string Id, string Text) PreferencesText(MailTopics topic, string? language = null) =>
        Preferences(topic, language) is var (id, label, hint) ? (id, $"{label}: {hint}") : default;

    /// <summary>What a withdrawal by a message's unsubscribe link records.</summary>
    public static (string Id, string Text) Unsubscribe(MailTopics topic) =>
        ("unsubscribe.v1", $"Unsubscribe from {Preferences(topic).Label.ToLowerInvariant()}.");

    public static string Slug(MailTopics topic) => topic switch
    {
        MailTopics.ImpactUpdates => "impact-updates",
        MailTopics.TransparencyReports => "transparency-reports",
        _ => "appeals",
    };

    private static string Text(string key, CultureInfo culture) =>
        Texts.GetString(key, culture) ?? throw new InvalidOperationException($"No consent wording '{key}'.");

    private static string Format(string text, string fundName) => string.Format(CultureInfo.InvariantCulture, text, fundName);
}

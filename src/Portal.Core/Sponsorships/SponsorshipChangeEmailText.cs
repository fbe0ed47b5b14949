using System.Globalization;
using System.Resources;
using Portal.Core.Languages;

namespace Portal.Core.Sponsorships;

/// <summary>
/// The words of the e-mail that confirms a donor's own change, from <c>SponsorshipChangeEmailText.resx</c> (English)
/// and its translations (.de, .fr, .es), in the donor's language; a language without a translation reads English.
/// </summary>
public sealed class SponsorshipChangeEmailText
{
    private static readonly ResourceManager Resources =
        new("Portal.Core.Sponsorships.SponsorshipChangeEmailText", typeof(SponsorshipChangeEmailText).Assembly);

    private SponsorshipChangeEmailText(string language)
    {
        Language = language;
        Culture = PortalLanguages.Culture(language);
    }

    /// <summary>The supported language the message is written in.</summary>
    public string Language { get; }

    /// <summary>Money and dates are written for it.</summary>
    public CultureInfo Culture { get; }

    public static SponsorshipChangeEmailText For(string? language) => new(PortalLanguages.Normalize(language));

    public string this[string key] =>
        Resources.GetString(key, Culture) ?? throw new InvalidOperationException($"No sponsorship change e-mail text '{key}'.");

    public string Format(string key, params object[] values) => string.Format(Culture, this[key], values);

    public string Day(DateOnly? date) => date?.ToString(this["DateFormat"], Culture) ?? "";
}

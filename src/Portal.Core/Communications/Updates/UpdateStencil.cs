using System.Net;
using System.Text;

namespace Portal.Core.Communications.Updates;

/// <summary>
/// An update rendered for one language and fund, with marked places for what differs per recipient. Filling it in is
/// a few string replacements, so a send of 100,000 renders the Razor template a handful of times, not 100,000.
/// The markers contain only characters Razor does not encode, and every value put in their place is encoded here.
/// </summary>
public sealed record UpdateStencil(string Subject, string Html, string Text, string Language)
{
    public static class Markers
    {
        public const string Name = "[[portal:name]]";
        public const string GivenParagraph = "[[portal:given-paragraph]]";
        public const string GivenLine = "[[portal:given-line]]";
        public const string UnsubscribeUrl = "[[portal:unsubscribe-url]]";
        public const string PreferencesUrl = "[[portal:preferences-url]]";
    }

    /// <summary>The message for one recipient.</summary>
    /// <param name="givenLine">"This year you have given €120 to …", or null to leave the paragraph out.</param>
    public (string Html, string Text) For(string name, string? givenLine, Uri unsubscribe, Uri preferences)
    {
        var html = new StringBuilder(Html, Html.Length + 512)
            .Replace(Markers.Name, WebUtility.HtmlEncode(name))
            .Replace(Markers.GivenParagraph, givenLine is null ? "" : $"<p>{WebUtility.HtmlEncode(givenLine)}</p>")
            .Replace(Markers.UnsubscribeUrl, WebUtility.HtmlEncode(unsubscribe.AbsoluteUri))
            .Replace(Markers.PreferencesUrl, WebUtility.HtmlEncode(preferences.AbsoluteUri))
            .ToString();
        var text = new StringBuilder(Text, Text.Length + 512)
            .Replace(Markers.Name, name)
            .Replace(Markers.GivenLine + "\n", givenLine is null ? "" : givenLine + "\n\n")
            .Replace(Markers.UnsubscribeUrl, unsubscribe.AbsoluteUri)
            .Replace(Markers.PreferencesUrl, preferences.AbsoluteUri)
            .ToString();
        return (html, text);
    }
}

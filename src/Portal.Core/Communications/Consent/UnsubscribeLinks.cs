using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Portal.Core.Hosting;

namespace Portal.Core.Communications.Consent;

/// <summary>
/// The token in every bulk message's unsubscribe and preferences links: signed with the portal's data-protection keys,
/// naming one donor and the topic of the message. It does not expire (an old update's link must still work), and it
/// cannot be forged or turned into another donor's.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider protection, PublicUrls urls)
{
    private readonly IDataProtector protector = protection.CreateProtector("Portal.Communications.Unsubscribe.v1");

    /// <summary>Makes sure the key ring exists before a send opens its transactions (SQLite allows one writer).</summary>
    public void EnsureKeys() => protector.Protect("ready");

    public string Token(Guid donorId, MailTopics topic) =>
        protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{donorId:N}.{(int)topic}"));

    /// <summary>The one-click address: a POST to it unsubscribes (RFC 8058); a GET shows the choice.</summary>
    public Uri UnsubscribeUrl(string token) => urls.To($"unsubscribe/{token}");

    public Uri PreferencesUrl(string token) => urls.To($"mail-preferences/{token}");

    /// <summary>The donor and topic a token names, or null when it is forged or damaged.</summary>
    public UnsubscribeToken? Read(string? token)
    {
        if (protector.TryUnprotect(token, 1000) is not { } text)
        {
            return null;
        }

        var parts = text.Split('.');
        return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var donorId)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var topic)
            && Enum.IsDefined((MailTopics)topic) && topic != 0
            ? new UnsubscribeToken(donorId, (MailTopics)topic)
            : null;
    }
}

public sealed record UnsubscribeToken(Guid DonorId, MailTopics Topic);

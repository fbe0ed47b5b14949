using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Portal.Core.Hosting;

namespace Portal.Core.Sponsorships.Dunning;

/// <summary>
/// The link in a "please confirm this payment" e-mail: signed with the portal's data-protection keys, naming one charge
/// and attempt, valid for 30 days. It lets the donor pay without signing in and cannot be forged or reused for another charge.
/// </summary>
public sealed class PaymentLinks(IDataProtectionProvider protection, TimeProvider clock, PublicUrls urls)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private readonly IDataProtector protector = protection.CreateProtector("Portal.Sponsorships.ConfirmPayment.v1");

    /// <summary>
    /// Makes sure the key ring exists. A first key is written to the database by its own connection; on SQLite that
    /// must not happen inside another write transaction, so the charge run calls this before it opens any.
    /// </summary>
    public void EnsureKeys() => protector.Protect("ready");

    public Uri ConfirmUrl(Guid chargeId, int attempt)
    {
        var expires = clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var token = protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{chargeId:N}.{attempt}.{expires}"));
        return urls.To($"pay/{token}");
    }

    /// <summary>The charge and attempt a token names, or null when it is forged, damaged or expired.</summary>
    public ConfirmToken? Read(string? token)
    {
        if (protector.TryUnprotect(token, 2000) is not { } text)
        {
            return null;
        }

        var parts = text.Split('.');
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var chargeId)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var attempt)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }

        return clock.GetUtcNow().ToUnixTimeSeconds() > expires ? null : new ConfirmToken(chargeId, attempt);
    }
}

public sealed record ConfirmToken(Guid ChargeId, int Attempt);

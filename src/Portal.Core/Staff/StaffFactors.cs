using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Staff;

/// <summary>A staff member's second factors (authenticator app, recovery codes, passkeys); every change is audited.</summary>
public sealed class StaffFactors(UserManager<IdentityUser> users, AuditLog audit, PortalDbContext db)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>Issuer shown in the authenticator app next to the account.</summary>
    public const string Issuer = "Portal staff";

    /// <summary>True when the member has an authenticator or a passkey.</summary>
    public async Task<bool> HasAnyAsync(IdentityUser user) =>
        await users.GetTwoFactorEnabledAsync(user) || (await users.GetPasskeysAsync(user)).Count > 0;

    /// <summary>The authenticator key (made when there is none yet) and the otpauth URI an app can read from a QR code.</summary>
    public async Task<(string Key, string Uri)> AuthenticatorKeyAsync(IdentityUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            Check(await users.ResetAuthenticatorKeyAsync(user));
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }

        var label = UrlEncoder.Default.Encode($"{Issuer}:{user.Email}");
        return (key, $"otpauth://totp/{label}?secret={key}&issuer={UrlEncoder.Default.Encode(Issuer)}&digits=6");
    }

    /// <summary>Turns the authenticator on when the code is right; returns the new recovery codes, or null.</summary>
    /// <remarks>The security stamp changes, so every other saved cookie of the member ends.</remarks>
    public async Task<IReadOnlyList<string>?> EnableAuthenticatorAsync(IdentityUser user, string code, string? ipAddress)
    {
        var digits = new string(code.Where(char.IsDigit).ToArray());
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            return null;
        }

        Check(await users.SetTwoFactorEnabledAsync(user, true));
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        Check(await users.UpdateSecurityStampAsync(user));
        audit.Record(user.Id, user.Email ?? user.Id, "staff.factor-added", $"user:{user.Id}", "authenticator app", ipAddress);
        await db.SaveChangesAsync();
        return codes;
    }

    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(IdentityUser user, string? ipAddress)
    {
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        audit.Record(user.Id, user.Email ?? user.Id, "staff.recovery-codes-renewed", $"user:{user.Id}", null, ipAddress);
        await db.SaveChangesAsync();
        return codes;
    }

    public async Task AddPasskeyAsync(IdentityUser user, UserPasskeyInfo passkey, string? ipAddress)
    {
        Check(await users.AddOrUpdatePasskeyAsync(user, passkey));
        Check(await users.UpdateSecurityStampAsync(user));
        audit.Record(user.Id, user.Email ?? user.Id, "staff.factor-added", $"user:{user.Id}", $"passkey {passkey.Name}", ipAddress);
        await db.SaveChangesAsync();
    }

    public async Task<bool> RemovePasskeyAsync(IdentityUser user, byte[] credentialId, string? ipAddress)
    {
        if (await users.GetPasskeyAsync(user, credentialId) is null)
        {
            return false;
        }

        Check(await users.RemovePasskeyAsync(user, credentialId));
        Check(await users.UpdateSecurityStampAsync(user));
        audit.Record(user.Id, user.Email ?? user.Id, "staff.factor-removed", $"user:{user.Id}", "passkey", ipAddress);
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>An Admin clears every factor of a member who lost them: they set one up again at their next sign-in.</summary>
    public async Task ResetAsync(IdentityUser user, string actorId, string actorName, string reason, string? ipAddress)
    {
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.ResetAuthenticatorKeyAsync(user));
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        foreach (var passkey in await users.GetPasskeysAsync(user))
        {
            Check(await users.RemovePasskeyAsync(user, passkey.CredentialId));
        }

        Check(await users.UpdateSecurityStampAsync(user));
        audit.Record(actorId, actorName, "staff.factor-reset", $"user:{user.Id}", $"{user.Email}: {reason}", ipAddress);
        await db.SaveChangesAsync();
    }

    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(error => error.Description)));
        }
    }
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Core.Hosting;

/// <summary>Reading a token from a link: what a forged, damaged or absurdly long one gives is null, never an exception.</summary>
public static class SignedTokens
{
    public static string? TryUnprotect(this IDataProtector protector, string? token, int maxLength)
    {
        if (string.IsNullOrEmpty(token) || token.Length > maxLength)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

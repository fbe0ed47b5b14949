using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Staff;

/// <summary>Creates staff accounts: the demo accounts of the embedded default and the first administrator of a deployment.</summary>
public sealed class StaffAccounts(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, AuditLog audit, PortalDbContext db)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    /// <summary>Creates a user with a generated password and the given role; null when the address is taken.</summary>
    /// <returns>The password, shown once to whoever ran the command; it is not stored anywhere in clear.</returns>
    public async Task<string?> CreateAsync(string email, string role, string createdBy)
    {
        await EnsureRolesAsync();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return null;
        }

        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        var password = GeneratePassword();
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        audit.Record("system", createdBy, "staff.created", $"user:{user.Id}", $"{email} as {role}");
        await db.SaveChangesAsync();
        return password;
    }

    /// <summary>
    /// Gives the account an authenticator key and turns the second factor on (the demo accounts, tests and tools that
    /// sign in as a person does): returns the key (base32), from which an app or a test computes the codes.
    /// </summary>
    public async Task<string> AddAuthenticatorAsync(string email)
    {
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No staff account {email}.");
        Check(await users.ResetAuthenticatorKeyAsync(user));
        Check(await users.SetTwoFactorEnabledAsync(user, true));
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>20 characters from an alphabet without look-alikes, with each class Identity's password rules ask for.</summary>
    public static string GeneratePassword()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var body = RandomNumberGenerator.GetString(letters, 16);
        return $"{body}-Aa7";
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(error => error.Description)));
        }
    }
}

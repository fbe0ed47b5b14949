using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Staff;

namespace Portal.Web.Tests.Infrastructure;

public sealed record StaffMember(string Email, string Password, string AuthenticatorKey);

public static class Staff
{
    /// <summary>Creates a staff account with the role and an authenticator app, and signs the client in with both factors.</summary>
    public static async Task<StaffMember> SignInAsStaffAsync(this HttpClient client, PortalFactory portal, string role)
    {
        var member = await CreateStaffAsync(portal, role);
        await client.SignInAsync(member);
        return member;
    }

    /// <summary>A staff account with the role, its password and its authenticator key (on).</summary>
    public static async Task<StaffMember> CreateStaffAsync(PortalFactory portal, string role, bool withAuthenticator = true)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@charity.test";
        await using var scope = portal.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var password = (await accounts.CreateAsync(email, role, "test"))!;
        var key = withAuthenticator ? await accounts.AddAuthenticatorAsync(email) : "";
        return new StaffMember(email, password, key);
    }

    /// <summary>The login form, then (when the member has an authenticator) the app's current code.</summary>
    public static async Task SignInAsync(this HttpClient client, StaffMember member)
    {
        var response = await client.PostAsync(
            "/staff/login",
            new Dictionary<string, string> { ["Input.Email"] = member.Email, ["Input.Password"] = member.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (member.AuthenticatorKey.Length == 0)
        {
            return;
        }

        Assert.StartsWith("/staff/login/two-factor", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        response = await client.PostAsync(
            "/staff/login/two-factor",
            new Dictionary<string, string> { ["Input.Code"] = AuthenticatorCode.At(member.AuthenticatorKey, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("two-factor", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}

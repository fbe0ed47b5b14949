using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Staff;
using Portal.Web.Pages.Staff;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// A Finance officer adds a passkey on the security page and signs in with it alone the next time, in Chromium with a
/// virtual authenticator (the DevTools protocol's WebAuthn domain) standing in for the laptop's fingerprint reader.
/// </summary>
[Collection(HangfireServerCollection.Name)]
public class StaffPasskeyBrowserTests
{
    [SkippableFact]
    public async Task A_passkey_added_on_the_security_page_signs_its_member_in_alone_and_stops_when_removed()
    {
        await using var portal = await BrowserPortal.StartAsync();
        var member = await Staff.CreateStaffAsync(portal.Portal, StaffRoles.Finance);
        // WebAuthn needs a secure context and a host name for the relying party: localhost is both, 127.0.0.1 is not a name.
        var origin = new UriBuilder(portal.BaseUrl) { Host = "localhost" }.Uri;
        await using var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = origin.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var authenticator = await context.NewCDPSessionAsync(page);
        await authenticator.SendAsync("WebAuthn.enable");
        var added = await authenticator.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });

        await page.GotoAsync("/staff/login");
        await page.FillAsync("#Input_Email", member.Email);
        await page.FillAsync("#Input_Password", member.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/staff/login/two-factor**");
        await page.FillAsync("#Input_Code", AuthenticatorCode.At(member.AuthenticatorKey, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/staff/login", StringComparison.Ordinal));

        await page.GotoAsync("/staff/security");
        await page.FillAsync("#PasskeyName", "Work laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Passkey added.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Work laptop (added")).ToBeVisibleAsync();
        var credentials = await authenticator.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object>
        {
            ["authenticatorId"] = added!.Value.GetProperty("authenticatorId").GetString()!,
        });
        Assert.Equal(1, credentials!.Value.GetProperty("credentials").GetArrayLength());
        var stored = await PasskeysAsync(portal, member);
        Assert.Equal("Work laptop", Assert.Single(stored).Name);

        // Signed out, the passkey alone signs in: it is both factors, so the Finance area opens.
        await page.GetByRole(AriaRole.Button, new() { Name = "Staff sign out" }).ClickAsync();
        await page.GotoAsync("/finance");
        await page.WaitForURLAsync("**/staff/login**");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/staff/login", StringComparison.Ordinal));
        var finance = await page.GotoAsync("/finance");
        Assert.Equal(200, finance!.Status);
        Assert.EndsWith("/finance", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        var actions = await portal.Portal.QueryAsync(db => db.AuditRecords
            .Where(r => r.ActorName == member.Email).Select(r => r.Action + " " + r.Details).ToListAsync());
        Assert.Contains("staff.factor-added passkey Work laptop", actions);
        Assert.Contains("staff.signed-in passkey", actions);

        // Removed on the security page, the same passkey no longer signs anyone in.
        await page.GotoAsync("/staff/security");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Passkey removed.")).ToBeVisibleAsync();
        Assert.Empty(await PasskeysAsync(portal, member));
        await page.GetByRole(AriaRole.Button, new() { Name = "Staff sign out" }).ClickAsync();
        await page.GotoAsync("/staff/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Assertions.Expect(page.GetByText(LoginModel.PasskeyRefused)).ToBeVisibleAsync();
        Assert.EndsWith("/staff/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("staff.sign-in-failed passkey", await portal.Portal.QueryAsync(db => db.AuditRecords
            .Where(r => r.ActorId == "anonymous").Select(r => r.Action + " " + r.Details).ToListAsync()));
    }

    private static async Task<IList<UserPasskeyInfo>> PasskeysAsync(BrowserPortal portal, StaffMember member)
    {
        await using var scope = portal.Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.GetPasskeysAsync((await users.FindByEmailAsync(member.Email))!);
    }
}

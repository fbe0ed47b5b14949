using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Core.Staff;
using Portal.Web.Pages.Staff;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// A staff member adds a passkey on /staff/security in a real browser (Chromium's virtual authenticator, through the
/// DevTools protocol), signs in with it alone as both factors, and a removed passkey no longer signs in.
/// </summary>
[Collection(HangfireServerCollection.Name)]
public class StaffPasskeyBrowserTests
{
    /// <param name="passkeyDomain">Staff:PasskeyDomain: empty (the request's host) or set to the host staff browse at.</param>
    [SkippableTheory]
    [InlineData("")]
    [InlineData("localhost")]
    public async Task A_finance_member_adds_a_passkey_signs_in_with_it_alone_and_a_removed_one_no_longer_works(string passkeyDomain)
    {
        await using var browser = await BrowserPortal.StartAsync(new Dictionary<string, string?> { ["Staff:PasskeyDomain"] = passkeyDomain });
        var finance = await Staff.CreateStaffAsync(browser.Portal, StaffRoles.Finance);

        // Password and authenticator code, then a passkey through the page's button.
        var page = await SignInWithAuthenticatorAsync(browser, finance);
        await page.GotoAsync("/staff/security");
        await page.FillAsync("#PasskeyName", "Test laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Passkey added.");
        await Assertions.Expect(page.Locator("li", new() { HasText = "Test laptop" })).ToBeVisibleAsync();
        var stored = await browser.Portal.QueryAsync(db => db.Set<Microsoft.AspNetCore.Identity.IdentityUserPasskey<string>>()
            .Join(db.Users.Where(u => u.Email == finance.Email), p => p.UserId, u => u.Id, (p, _) => p.Data.Name).ToListAsync());
        Assert.Equal(["Test laptop"], stored);

        // Signed out, the passkey alone signs in, as both factors: finance opens.
        await SignOutAsync(page);
        await PasskeySignInAsync(page);
        await page.WaitForURLAsync("**/finance");
        Assert.Equal("/finance", new Uri(page.Url).AbsolutePath);
        await page.GotoAsync("/finance/runs");
        Assert.Equal("/finance/runs", new Uri(page.Url).AbsolutePath);

        // Removed, the passkey is refused at the next sign-in.
        await page.GotoAsync("/staff/security");
        await page.Locator("li", new() { HasText = "Test laptop" }).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Passkey removed.");
        await SignOutAsync(page);
        await PasskeySignInAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(LoginModel.PasskeyRefused);
        Assert.Equal("/staff/login", new Uri(page.Url).AbsolutePath);
        await page.GotoAsync("/finance");
        Assert.Equal("/staff/login", new Uri(page.Url).AbsolutePath);

        var audit = await browser.Portal.QueryAsync(db => db.AuditRecords.OrderBy(r => r.Id).Select(r => r.Action + " " + r.Details).ToListAsync());
        Assert.Contains("staff.factor-added passkey Test laptop", audit);
        Assert.Contains("staff.signed-in passkey", audit);
        Assert.Contains("staff.factor-removed passkey", audit);
        Assert.Contains("staff.sign-in-failed passkey", audit);
        Assert.Equal(2, audit.Count(a => a.StartsWith("staff.signed-out", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task The_browser_refuses_to_make_a_passkey_for_a_domain_other_than_the_one_staff_browse_at()
    {
        await using var browser = await BrowserPortal.StartAsync(new Dictionary<string, string?> { ["Staff:PasskeyDomain"] = "example.org" });
        var finance = await Staff.CreateStaffAsync(browser.Portal, StaffRoles.Finance);
        var page = await SignInWithAuthenticatorAsync(browser, finance);

        await page.GotoAsync("/staff/security");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();

        await Assertions.Expect(page.Locator("#add-passkey [data-passkey-status]")).ToContainTextAsync("The passkey did not work");
        Assert.Equal(0, await browser.Portal.QueryAsync(db => db.Set<Microsoft.AspNetCore.Identity.IdentityUserPasskey<string>>().CountAsync()));
    }

    /// <summary>
    /// A page at the portal's localhost name (closed with the browser) with a virtual authenticator, signed in as
    /// <paramref name="member"/> with password and code.
    /// </summary>
    private static async Task<IPage> SignInWithAuthenticatorAsync(BrowserPortal browser, StaffMember member)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.LocalhostUrl });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await AddVirtualAuthenticatorAsync(context, page);
        await StaffBrowser.SignInAsync(page, member);
        await page.WaitForURLAsync("**/finance");
        return page;
    }

    /// <summary>A platform authenticator that keeps resident keys, verifies the user and answers at once.</summary>
    private static async Task AddVirtualAuthenticatorAsync(IBrowserContext context, IPage page)
    {
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
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
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GotoAsync("/staff/security");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();
        // The button posts to /staff/logout, which sends the member home.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), cookie => cookie.Name == "portal.staff");
    }

    private static async Task PasskeySignInAsync(IPage page)
    {
        await page.GotoAsync("/staff/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}

using Microsoft.Playwright;
using Portal.Core.Staff;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Browser;

/// <summary>A staff member signs in in the browser as a person would: the login form, then the authenticator's code.</summary>
public static class StaffBrowser
{
    public static async Task SignInAsync(IPage page, StaffMember member)
    {
        await page.GotoAsync("/staff/login");
        await page.FillAsync("#Input_Email", member.Email);
        await page.FillAsync("#Input_Password", member.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/staff/login/two-factor**");
        await page.FillAsync("#Input_Code", AuthenticatorCode.At(member.AuthenticatorKey, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/staff/login", StringComparison.Ordinal));
    }
}

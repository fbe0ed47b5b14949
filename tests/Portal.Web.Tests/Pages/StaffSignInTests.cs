using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Staff;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Pages;

/// <summary>Staff sign-in with a second factor, its requirement on every staff area, and sessions revoked on the server.</summary>
public partial class StaffSignInTests
{
    private static readonly Dictionary<string, string?> StampEveryRequest = new() { ["Staff:SecurityStampValidationInterval"] = "00:00:00" };

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_both_sign_ins_are_audited()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var finance = await Staff.CreateStaffAsync(portal, StaffRoles.Finance);
        var first = portal.Browser();
        await first.SignInAsync(finance);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/finance")).StatusCode);
        var codes = await RecoveryCodesAsync(first);

        var withCode = await SecondStepAsync(portal.Browser(), finance, new() { ["Input.RecoveryCode"] = codes[0] });
        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);
        var again = await SecondStepAsync(portal.Browser(), finance, new() { ["Input.RecoveryCode"] = codes[0] });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("not right", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var actions = await portal.QueryAsync(db => db.AuditRecords.Select(r => r.Action + " " + r.Details).ToListAsync());
        Assert.Contains("staff.signed-in password and authenticator", actions);
        Assert.Contains("staff.signed-in password and recovery code", actions);
        Assert.Contains(actions, a => a.StartsWith("staff.recovery-code-used", StringComparison.Ordinal));
        Assert.Contains(actions, a => a.StartsWith("staff.sign-in-failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_and_the_lockout_is_audited()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var admin = await Staff.CreateStaffAsync(portal, StaffRoles.Admin);
        string body = "";
        for (var i = 0; i < 5; i++)
        {
            var answer = await SecondStepAsync(portal.Browser(), admin, new() { ["Input.Code"] = "000000" });
            body = await answer.Content.ReadAsStringAsync();
        }

        Assert.Contains("locked", body, StringComparison.Ordinal);
        // Locked: even the right password is refused now.
        var password = new Dictionary<string, string> { ["Input.Email"] = admin.Email, ["Input.Password"] = admin.Password };
        var right = await portal.Browser().PostAsync("/staff/login", password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("staff.locked-out", await portal.QueryAsync(db => db.AuditRecords.Select(r => r.Action).ToListAsync()));
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/staff")]
    [InlineData("/admin/jobs")]
    [InlineData("/finance")]
    [InlineData("/finance/runs")]
    [InlineData("/communications")]
    [InlineData("/staff/password")]
    public async Task Staff_without_a_second_factor_are_sent_to_set_one_up_from_every_staff_area(string path)
    {
        await using var portal = await PortalFactory.CreateAsync();
        var admin = await Staff.CreateStaffAsync(portal, StaffRoles.Admin, withAuthenticator: false);
        var client = portal.Browser();
        await client.SignInAsync(admin);

        var answer = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal($"/staff/security?ReturnUrl={Uri.EscapeDataString(path)}", answer.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_finance_member_sets_up_an_authenticator_and_then_opens_finance()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var finance = await Staff.CreateStaffAsync(portal, StaffRoles.Finance, withAuthenticator: false);
        var client = portal.Browser();
        await client.SignInAsync(finance);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/finance")).StatusCode);

        var setup = await client.TextAsync("/staff/security/authenticator");
        var key = KeyPattern().Match(setup).Groups[1].Value;
        var code = new Dictionary<string, string> { ["Code"] = AuthenticatorCode.At(key, DateTimeOffset.UtcNow) };
        var on = await client.PostAsync("/staff/security/authenticator", code);

        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.Contains("recovery codes", await client.TextAsync("/staff/security"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/finance")).StatusCode);
        Assert.Contains("staff.factor-added", await portal.QueryAsync(db => db.AuditRecords.Select(r => r.Action).ToListAsync()));
    }

    [Theory]
    [InlineData("false", HttpStatusCode.OK)]
    [InlineData("true", HttpStatusCode.Redirect)]
    public async Task Communications_need_a_second_factor_only_when_the_setting_says_so(string setting, HttpStatusCode expected)
    {
        await using var portal = await PortalFactory.CreateAsync(
            overrides: new Dictionary<string, string?> { ["Staff:RequireSecondFactorForCommunications"] = setting });
        var communications = await Staff.CreateStaffAsync(portal, StaffRoles.Communications, withAuthenticator: false);
        var client = portal.Browser();
        await client.SignInAsync(communications);

        Assert.Equal(expected, (await client.GetAsync("/communications")).StatusCode);
    }

    [Theory]
    [InlineData("sign-out")]
    [InlineData("password")]
    [InlineData("deactivation")]
    public async Task A_saved_staff_cookie_stops_working_after(string change)
    {
        await using var portal = await PortalFactory.CreateAsync(overrides: StampEveryRequest);
        var cookies = new CookieContainer();
        using var client = portal.CreateDefaultClient(new CookieContainerHandler(cookies));
        var finance = await client.SignInAsStaffAsync(portal, StaffRoles.Finance);
        var saved = cookies.GetCookies(new Uri("http://localhost"))["portal.staff"]!.Value;
        using var thief = Thief(portal, saved);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/finance")).StatusCode);

        switch (change)
        {
            case "sign-out":
                await client.PostAsync("/staff/security", new Dictionary<string, string>(), "/staff/logout");
                break;
            case "password":
                var changed = await client.PostAsync("/staff/password", new Dictionary<string, string>
                {
                    ["Input.CurrentPassword"] = finance.Password,
                    ["Input.NewPassword"] = "another-long-password-9Z",
                    ["Input.ConfirmPassword"] = "another-long-password-9Z",
                });
                Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
                break;
            default:
                var admin = portal.Browser();
                await admin.SignInAsStaffAsync(portal, StaffRoles.Admin);
                var id = await portal.QueryAsync(db => db.Users.Where(u => u.Email == finance.Email).Select(u => u.Id).SingleAsync());
                var page = $"/admin/staff/member/{id}";
                var deactivated = await admin.PostAsync(page, new Dictionary<string, string>(), $"{page}?handler=Deactivate");
                Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
                break;
        }

        var refused = await thief.GetAsync("/finance");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("http://localhost/staff/login", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private static HttpClient Thief(PortalFactory portal, string cookie)
    {
        var jar = new CookieContainer();
        jar.Add(new Uri("http://localhost"), new Cookie("portal.staff", cookie));
        return portal.CreateDefaultClient(new CookieContainerHandler(jar));
    }

    private static async Task<HttpResponseMessage> SecondStepAsync(HttpClient client, StaffMember member, Dictionary<string, string> fields)
    {
        var password = new Dictionary<string, string> { ["Input.Email"] = member.Email, ["Input.Password"] = member.Password };
        var first = await client.PostAsync("/staff/login", password);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        return await client.PostAsync("/staff/login/two-factor", fields);
    }

    private static async Task<List<string>> RecoveryCodesAsync(HttpClient client)
    {
        var renewed = await client.PostAsync("/staff/security", new Dictionary<string, string>(), "/staff/security?handler=RecoveryCodes");
        Assert.Equal(HttpStatusCode.Redirect, renewed.StatusCode);
        var page = await client.TextAsync("/staff/security");
        return [.. CodePattern().Matches(page).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex CodePattern();

    [GeneratedRegex("id=\"authenticator-key\">([A-Z0-9]+)<")]
    private static partial Regex KeyPattern();
}

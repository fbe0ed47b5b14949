using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Staff;
using Portal.Web.Hosting;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Areas;

public class StaffAccountTests
{
    [Fact]
    public async Task A_member_of_staff_replaces_the_generated_password_and_the_change_is_audited()
    {
        await using var portal = await PortalFactory.CreateAsync();
        string password;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            password = (await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync("boss@charity.test", StaffRoles.Admin, "test"))!;
        }

        var staff = portal.Browser();
        await staff.PostAsync("/staff/login", new Dictionary<string, string> { ["Input.Email"] = "boss@charity.test", ["Input.Password"] = password });
        var wrong = await staff.PostAsync("/staff/password", new Dictionary<string, string> { ["Input.CurrentPassword"] = "not it at all", ["Input.NewPassword"] = "a-new-long-password-1A", ["Input.ConfirmPassword"] = "a-new-long-password-1A" });
        var changed = await staff.PostAsync("/staff/password", new Dictionary<string, string> { ["Input.CurrentPassword"] = password, ["Input.NewPassword"] = "a-new-long-password-1A", ["Input.ConfirmPassword"] = "a-new-long-password-1A" });

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Incorrect password", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var again = portal.Browser();
        var oldLogin = await again.PostAsync("/staff/login", new Dictionary<string, string> { ["Input.Email"] = "boss@charity.test", ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.OK, oldLogin.StatusCode);
        var newLogin = await again.PostAsync("/staff/login", new Dictionary<string, string> { ["Input.Email"] = "boss@charity.test", ["Input.Password"] = "a-new-long-password-1A" });
        Assert.Equal(HttpStatusCode.Redirect, newLogin.StatusCode);
        var actions = await portal.QueryAsync(db => db.AuditRecords.Select(r => r.Action).ToListAsync());
        Assert.Contains("staff.created", actions);
        Assert.Contains("staff.signed-in", actions);
        Assert.Contains("staff.password-changed", actions);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        await using var portal = await PortalFactory.CreateAsync();
        string password;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            password = (await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync("finance@charity.test", StaffRoles.Finance, "test"))!;
        }

        var attacker = portal.Browser();
        for (var i = 0; i < 5; i++)
        {
            await attacker.PostAsync("/staff/login", new Dictionary<string, string> { ["Input.Email"] = "finance@charity.test", ["Input.Password"] = $"guess-{i}" });
        }

        var locked = await attacker.PostAsync("/staff/login", new Dictionary<string, string> { ["Input.Email"] = "finance@charity.test", ["Input.Password"] = password });

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked for 15 minutes", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_create_admin_command_makes_the_first_administrator_once()
    {
        await using var portal = await PortalFactory.CreateAsync(environment: "Production", overrides: new Dictionary<string, string?> { ["Payments:AllowSandbox"] = "true", ["Portal:PublicBaseUrl"] = "https://give.example.org" });
        _ = portal.Services;

        Assert.True(CommandLine.IsCommand(["create-admin", "first@charity.test"]));
        Assert.False(CommandLine.IsCommand(["--urls", "http://localhost"]));
        await using var scope = portal.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        Assert.NotNull(await accounts.CreateAsync("first@charity.test", StaffRoles.Admin, "create-admin command"));
        Assert.Null(await accounts.CreateAsync("first@charity.test", StaffRoles.Admin, "create-admin command"));
        Assert.Equal(0, await portal.QueryAsync(db => db.Users.CountAsync(u => u.Email!.EndsWith("@portal.localhost"))));
    }
}

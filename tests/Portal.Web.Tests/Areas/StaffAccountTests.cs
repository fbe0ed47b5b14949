using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Staff;
using Portal.Testing;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Areas;

public class StaffAccountTests
{
    [Fact]
    public async Task A_member_of_staff_replaces_the_generated_password_and_the_change_is_audited()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var boss = await Staff.CreateStaffAsync(portal, StaffRoles.Admin);
        var password = boss.Password;
        var staff = portal.Browser();
        await staff.SignInAsync(boss);
        var wrong = await staff.PostAsync("/staff/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "not it at all",
            ["Input.NewPassword"] = "a-new-long-password-1A",
            ["Input.ConfirmPassword"] = "a-new-long-password-1A"
        });
        var changed = await staff.PostAsync("/staff/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = password,
            ["Input.NewPassword"] = "a-new-long-password-1A",
            ["Input.ConfirmPassword"] = "a-new-long-password-1A"
        });

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Incorrect password", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var again = portal.Browser();
        var oldLogin = await again.PostAsync(
            "/staff/login",
            new Dictionary<string, string> { ["Input.Email"] = boss.Email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.OK, oldLogin.StatusCode);
        var newLogin = await again.PostAsync(
            "/staff/login",
            new Dictionary<string, string> { ["Input.Email"] = boss.Email, ["Input.Password"] = "a-new-long-password-1A" });
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
            password = (await scope.ServiceProvider.GetRequiredService<StaffAccounts>()
                .CreateAsync("finance@charity.test", StaffRoles.Finance, "test"))!;
        }

        var attacker = portal.Browser();
        for (var i = 0; i < 5; i++)
        {
            await attacker.PostAsync(
                "/staff/login",
                new Dictionary<string, string> { ["Input.Email"] = "finance@charity.test", ["Input.Password"] = $"guess-{i}" });
        }

        var locked = await attacker.PostAsync(
            "/staff/login",
            new Dictionary<string, string> { ["Input.Email"] = "finance@charity.test", ["Input.Password"] = password });

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked for 15 minutes", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_create_admin_command_makes_the_first_administrator_once_in_production()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var dataFolder = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));

        var (created, output) = await CreateAdminAsync(database, dataFolder, "first@charity.test");
        var (again, repeated) = await CreateAdminAsync(database, dataFolder, "first@charity.test");
        var (refused, _) = await CreateAdminAsync(database, dataFolder, "not an address");

        Assert.Equal(0, created);
        Assert.Equal(1, again);
        Assert.Contains("already exists", repeated, StringComparison.Ordinal);
        Assert.Equal(2, refused);
        var password = output.Split("Password (shown once; change it after signing in): ")[1].Trim();
        await using var db = database.CreateContext();
        var user = await db.Users.SingleAsync();
        Assert.Equal("first@charity.test", user.Email);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<IdentityUser>().VerifyHashedPassword(user, user.PasswordHash!, password));
        var admin = await db.Roles.SingleAsync(r => r.Name == StaffRoles.Admin);
        Assert.True(await db.UserRoles.AnyAsync(ur => ur.UserId == user.Id && ur.RoleId == admin.Id));
        Assert.Contains(await db.AuditRecords.ToListAsync(), r => r.Action == "staff.created" && r.ActorName == "create-admin command");
    }

    /// <summary>Runs the built portal as an operator would: <c>dotnet Portal.Web.dll create-admin address</c>, in Production.</summary>
    private static async Task<(int ExitCode, string Output)> CreateAdminAsync(TestDatabase database, string dataFolder, string email)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Portal.Web.dll"), "create-admin", email })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Portal__DataFolder"] = dataFolder;
        start.Environment["Portal__PublicBaseUrl"] = "https://give.example.org";
        start.Environment["Payments__AllowSandbox"] = "true";
        start.Environment["Database__ConnectionString"] = database.ConnectionString;
        start.Environment["DataProtection__CertificatePath"] = KeyRingCertificates.SharedPath;
        start.Environment["DataProtection__CertificatePassword"] = KeyRingCertificates.Password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await error);
    }
}

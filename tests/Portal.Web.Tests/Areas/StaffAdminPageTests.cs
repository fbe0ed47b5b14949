using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Staff;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Areas;

/// <summary>/admin/staff: invite, roles, factor reset and deactivation, each audited; refused to anyone but an Admin.</summary>
public class StaffAdminPageTests
{
    [Fact]
    public async Task An_admin_invites_assigns_roles_resets_a_factor_and_deactivates_and_each_step_is_audited()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var admin = portal.Browser();
        await admin.SignInAsStaffAsync(portal, StaffRoles.Admin);

        var invited = await admin.PostAsync("/admin/staff", new Dictionary<string, string>
        {
            ["Invite.Email"] = "new@charity.test",
            ["Invite.Role"] = StaffRoles.Communications,
        }, "/admin/staff?handler=Invite");
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var mail = await portal.QueryAsync(db => db.OutboundEmails.SingleAsync(m => m.ToAddress == "new@charity.test"));
        Assert.Contains("/staff/set-password?user=", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("new@charity.test", await admin.TextAsync("/admin/staff"), StringComparison.Ordinal);

        var id = await portal.QueryAsync(db => db.Users.Where(u => u.Email == "new@charity.test").Select(u => u.Id).SingleAsync());
        var page = $"/admin/staff/member/{id}";
        var roles = await admin.PostAsync(page, new Dictionary<string, string> { ["Roles"] = StaffRoles.Finance }, $"{page}?handler=Roles");
        Assert.Equal(HttpStatusCode.Redirect, roles.StatusCode);
        var noReason = await admin.PostAsync(page, new Dictionary<string, string> { ["Reason"] = "" }, $"{page}?handler=ResetFactor");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        var reason = new Dictionary<string, string> { ["Reason"] = "lost phone, called back" };
        var reset = await admin.PostAsync(page, reason, $"{page}?handler=ResetFactor");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var deactivated = await admin.PostAsync(page, new Dictionary<string, string>(), $"{page}?handler=Deactivate");
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);

        Assert.Contains("deactivated", await admin.TextAsync("/admin/staff"), StringComparison.Ordinal);
        var audit = await portal.QueryAsync(db => db.AuditRecords.Select(r => r.Action + " " + r.Details).ToListAsync());
        Assert.Contains("staff.invited new@charity.test as Communications", audit);
        Assert.Contains("staff.roles-changed new@charity.test: Finance", audit);
        Assert.Contains("staff.factor-reset new@charity.test: lost phone, called back", audit);
        Assert.Contains("staff.deactivated new@charity.test", audit);
    }

    [Fact]
    public async Task An_admin_cannot_deactivate_themselves_nor_remove_the_last_admin()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var admin = portal.Browser();
        var me = await admin.SignInAsStaffAsync(portal, StaffRoles.Admin);
        var id = await portal.QueryAsync(db => db.Users.Where(u => u.Email == me.Email).Select(u => u.Id).SingleAsync());
        var page = $"/admin/staff/member/{id}";

        await admin.PostAsync(page, new Dictionary<string, string>(), $"{page}?handler=Deactivate");
        Assert.Contains("cannot deactivate your own account", await admin.TextAsync(page), StringComparison.Ordinal);
        await admin.PostAsync(page, new Dictionary<string, string> { ["Roles"] = StaffRoles.Finance }, $"{page}?handler=Roles");
        Assert.Contains("cannot remove your own Admin role", await admin.TextAsync(page), StringComparison.Ordinal);
        var roles = await portal.QueryAsync(db => db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToListAsync());
        Assert.Contains("Admin", roles);
    }

    [Theory]
    [InlineData(StaffRoles.Finance)]
    [InlineData(StaffRoles.Communications)]
    public async Task Other_roles_are_refused_the_staff_page(string role)
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = portal.Browser();
        await client.SignInAsStaffAsync(portal, role);

        var refused = await client.GetAsync("/admin/staff");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("http://localhost/status/403", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}

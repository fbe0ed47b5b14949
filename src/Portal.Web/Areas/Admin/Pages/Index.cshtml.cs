using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Payments.Events;
using Portal.Core.Staff;
using Portal.Web.Hosting;

namespace Portal.Web.Areas.Admin.Pages;

/// <summary>/admin: staff accounts, the gateway event inbox's health, and the audit trail.</summary>
public sealed class IndexModel(PortalDbContext db, UserManager<IdentityUser> users, StaffAccounts accounts) : PageModel
{
    [BindProperty]
    public NewStaffInput NewStaff { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public List<(IdentityUser User, IList<string> Roles)> Staff { get; private set; } = [];

    public List<AuditRecord> Audit { get; private set; } = [];

    public List<(GatewayEventStatus Status, int Count)> Inbox { get; private set; } = [];

    public List<GatewayEvent> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (!StaffRoles.All.Contains(NewStaff.Role))
        {
            ModelState.AddModelError("NewStaff.Role", "Choose a role.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var actor = await users.ActorAsync(User);
        var password = await accounts.CreateAsync(NewStaff.Email.Trim(), NewStaff.Role, actor.Name);
        StatusMessage = password is null
            ? $"{NewStaff.Email} already has a staff account."
            : $"Created {NewStaff.Email} as {NewStaff.Role}. Their password, shown only now: {password}";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var user in await users.Users.OrderBy(u => u.Email).ToListAsync(cancellationToken))
        {
            Staff.Add((user, await users.GetRolesAsync(user)));
        }

        Audit = await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Id).Take(50).ToListAsync(cancellationToken);
        Inbox = (await db.GatewayEvents.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .Select(g => (g.Key, g.Count)).ToList();
        Problems = await db.GatewayEvents.AsNoTracking()
            .Where(e => e.Status == GatewayEventStatus.Failed || e.Status == GatewayEventStatus.Unmatched
                || (e.Status == GatewayEventStatus.Pending && e.Attempts > 0))
            .OrderByDescending(e => e.Id).Take(50).ToListAsync(cancellationToken);
    }

    public sealed class NewStaffInput
    {
        [Required(ErrorMessage = "Enter the e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [Display(Name = "E-mail address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a role.")]
        public string Role { get; set; } = StaffRoles.Finance;
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Staff;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Admin.Pages.Staff;

/// <summary>/admin/staff: every member of staff with roles, factors, last sign-in and state; invite a new one.</summary>
public sealed class IndexModel(
    PortalDbContext db,
    UserManager<IdentityUser> users,
    StaffInvitations invitations,
    IStringLocalizer<StaffText> text) : PageModel
{
    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public List<StaffRow> Staff { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        if (!StaffRoles.All.Contains(Invite.Role))
        {
            ModelState.AddModelError("Invite.Role", text["Choose a role."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var actor = await users.ActorAsync(User);
        var email = Invite.Email.Trim();
        var ip = HttpContext.Connection.RemoteIpAddress?.ToString();
        StatusMessage = await invitations.InviteAsync(email, Invite.Role, actor.Id, actor.Name, ip, cancellationToken)
            ? text["Invited {0} as {1}: a link to choose a password is on its way.", email, Invite.Role]
            : text["{0} already has a staff account.", email];
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var lastSignIns = await db.AuditRecords.Where(r => r.Action == "staff.signed-in")
            .GroupBy(r => r.ActorId).Select(g => new { g.Key, At = g.Max(r => r.At) })
            .ToDictionaryAsync(g => g.Key, g => g.At, cancellationToken);
        var passkeyOwners = await db.Set<IdentityUserPasskey<string>>().Select(p => p.UserId).Distinct().ToListAsync(cancellationToken);
        foreach (var user in await users.Users.OrderBy(u => u.Email).ToListAsync(cancellationToken))
        {
            var factors = new List<string>();
            if (user.TwoFactorEnabled)
            {
                factors.Add(text["authenticator"]);
            }

            if (passkeyOwners.Contains(user.Id))
            {
                factors.Add(text["passkey (in a sentence)"]);
            }

            Staff.Add(new StaffRow(
                user,
                await users.GetRolesAsync(user),
                factors.Count == 0 ? text["none"] : string.Join(", ", factors),
                lastSignIns.TryGetValue(user.Id, out var at) ? at : null,
                !StaffAdministration.IsDeactivated(user)));
        }
    }

    public sealed record StaffRow(IdentityUser User, IList<string> Roles, string Factors, DateTime? LastSignIn, bool Active);

    public sealed class InviteInput
    {
        [Required(ErrorMessage = "Enter the e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [StringLength(254)]
        [Display(Name = "E-mail address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a role.")]
        public string Role { get; set; } = StaffRoles.Finance;
    }
}

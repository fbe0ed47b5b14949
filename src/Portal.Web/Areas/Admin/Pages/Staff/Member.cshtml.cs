using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Staff;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Admin.Pages.Staff;

/// <summary>/admin/staff/member/{id}: an Admin assigns roles, resets a lost second factor, deactivates or reactivates.</summary>
public sealed class MemberModel(
    UserManager<IdentityUser> users,
    StaffAdministration administration,
    StaffFactors factors,
    IStringLocalizer<StaffText> text) : PageModel
{
    [BindProperty]
    public List<string> Roles { get; set; } = [];

    [BindProperty]
    [StringLength(500)]
    public string? Reason { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public IdentityUser Member { get; private set; } = null!;

    public IList<string> CurrentRoles { get; private set; } = [];

    public bool HasFactor { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRolesAsync(string id) =>
        await ActAsync(id, actor => administration.SetRolesAsync(Member, Roles, actor.Id, actor.Name, Ip), text["Roles saved."]);

    public async Task<IActionResult> OnPostDeactivateAsync(string id) =>
        await ActAsync(id, actor => administration.DeactivateAsync(Member, actor.Id, actor.Name, Ip), text["Deactivated: their sessions end now."]);

    public async Task<IActionResult> OnPostReactivateAsync(string id) =>
        await ActAsync(
            id,
            async actor =>
            {
                await administration.ReactivateAsync(Member, actor.Id, actor.Name, Ip);
                return null;
            },
            text["Reactivated."]);

    public async Task<IActionResult> OnPostResetFactorAsync(string id)
    {
        if (string.IsNullOrWhiteSpace(Reason))
        {
            if (!await LoadAsync(id))
            {
                return NotFound();
            }

            ModelState.AddModelError(nameof(Reason), text["Say why (for the audit trail): how did you check it is them?"]);
            return Page();
        }

        return await ActAsync(
            id,
            async actor =>
            {
                await factors.ResetAsync(Member, actor.Id, actor.Name, Reason.Trim(), Ip);
                return null;
            },
            text["Second factor reset: they set up a new one at their next sign-in."]);
    }

    private string? Ip => HttpContext.Connection.RemoteIpAddress?.ToString();

    private async Task<IActionResult> ActAsync(string id, Func<Actor, Task<string?>> action, string done)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var refusal = await action(await users.ActorAsync(User));
        StatusMessage = refusal ?? done;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 100 || await users.FindByIdAsync(id) is not { } member)
        {
            return false;
        }

        Member = member;
        CurrentRoles = await users.GetRolesAsync(member);
        HasFactor = await factors.HasAnyAsync(member);
        return true;
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Privacy;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Finance.Pages.Privacy;

/// <summary>
/// /finance/privacy: find a donor by e-mail or id and carry out their request received by post: a copy of their data
/// (the same file the donor downloads from /account/privacy, each download audited) or the erasure.
/// </summary>
public sealed class IndexModel(PortalDbContext db, DonorErasure erasure, UserManager<IdentityUser> users, AuditLog audit,
    IStringLocalizer<FinanceText> text) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Donor? Found { get; private set; }

    public ErasureRequest? Existing { get; private set; }

    public List<ErasureRequest> Recent { get; private set; } = [];

    public sealed class InputModel
    {
        public Guid DonorId { get; set; }

        [Required(ErrorMessage = "Give the letter's reference (date, file number); it is kept in the audit trail.")]
        [StringLength(500)]
        public string? Reference { get; set; }
    }

    public async Task OnGetAsync(string? donor, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(donor))
        {
            var key = donor.Trim();
            var normalized = Donor.Normalize(key);
            Found = Guid.TryParse(key, out var id)
                ? await db.Donors.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
                : await db.Donors.AsNoTracking().SingleOrDefaultAsync(d => d.NormalizedEmail == normalized, cancellationToken);
            if (Found is null)
            {
                ModelState.AddModelError("donor", text["No donor '{0}' was found.", key]);
            }
            else
            {
                Existing = await erasure.FindAsync(Found.Id, cancellationToken);
                Input.DonorId = Found.Id;
            }
        }

        Recent = await db.ErasureRequests.AsNoTracking().OrderByDescending(r => r.Id).Take(20).ToListAsync(cancellationToken);
    }

    /// <summary>The donor's data file, to print or send for an access request by post; who downloaded it is audited.</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid donor, string? format, CancellationToken cancellationToken)
    {
        if (donor == Guid.Empty || !await db.Donors.AnyAsync(d => d.Id == donor, cancellationToken))
        {
            return NotFound();
        }

        var json = string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);
        var actor = await users.ActorAsync(User);
        audit.Record(actor.Id, actor.Name, "privacy.data-exported", $"donor:{donor}", json ? "JSON" : "CSV");
        await db.SaveChangesAsync(cancellationToken);
        return new DonorDataFileResult(donor, json);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await OnGetAsync(Input.DonorId.ToString(), cancellationToken);
            return Page();
        }

        var actor = await users.ActorAsync(User);
        var by = new ErasureRequester(ErasureSource.Post, actor.Id, actor.Name, Input.Reference!.Trim());
        var request = await erasure.RequestAsync(Input.DonorId, by, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        StatusMessage = await erasure.RunAsync(request.Id, cancellationToken) switch
        {
            ErasureResult.Pending pending =>
                text["Erasure request {0} is recorded; it waits for the payment provider ({1}).", request.Id, pending.Reason],
            _ => text["Donor {0} is erased (request {1}); the gifts and books stay under the pseudonym.", Input.DonorId, request.Id],
        };
        return RedirectToPage();
    }
}

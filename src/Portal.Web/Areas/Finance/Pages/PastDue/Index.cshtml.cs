using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Exports.Tables;
using Portal.Core.Sponsorships;
using Portal.Core.Sponsorships.Dunning;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Finance.Pages.PastDue;

/// <summary>
/// /finance/pastdue: sponsorships whose payment failed after every retry, with why and what was tried; retry or write to the
/// donor.
/// </summary>
public sealed class IndexModel(PortalDbContext db, RetryPastDue retry, UserManager<IdentityUser> users, AuditLog audit,
    IStringLocalizer<FinanceText> text) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public List<PastDueRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await RowsAsync(cancellationToken);

    public IActionResult OnGetCsv([FromServices] PastDueExport export) => new ExportFileResult(export.Table(), ExportFormat.Csv);

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = await users.ActorAsync(User);
        var done = await retry.RetryAsync(id, actor.Id, actor.Name, cancellationToken);
        StatusMessage = done
            ? text["The payment will be tried again by the next charge run."]
            : text["Nothing to retry: the sponsorship is no longer past due."];
        return RedirectToPage();
    }

    /// <summary>Records that staff wrote to the donor, then opens their mail program with the subject filled in.</summary>
    public async Task<IActionResult> OnPostContactAsync(Guid id, CancellationToken cancellationToken)
    {
        var found = await (
            from s in db.Sponsorships.AsNoTracking()
            where s.Id == id && s.Status == SponsorshipStatus.PastDue
            join donor in db.Donors on s.DonorId equals donor.Id
            join fund in db.Funds on s.FundId equals fund.Id
            select new { donor.Email, donor.Language, fund.Name }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        var actor = await users.ActorAsync(User);
        audit.Record(actor.Id, actor.Name, "sponsorship.donor-contacted", $"sponsorship:{id}", found.Email);
        await db.SaveChangesAsync(cancellationToken);
        // The donor reads the subject: in their language, not staff's.
        var subject = DunningTexts.ContactSubject(found.Language, found.Name);
        return Redirect($"mailto:{found.Email}?subject={Uri.EscapeDataString(subject)}");
    }

    private Task<List<PastDueRow>> RowsAsync(CancellationToken cancellationToken) => PastDueQueue.ReadAsync(db, cancellationToken);
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Reconciliation;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Finance.Pages.Payouts;

/// <summary>/finance/payouts: every payout with its match counts, the open exceptions, and the last drift repairs.</summary>
public sealed class IndexModel(PortalDbContext db, ExceptionDesk desk, UserManager<IdentityUser> users, IStringLocalizer<FinanceText> text)
    : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public List<Payout> Payouts { get; private set; } = [];

    public List<ReconciliationException> Open { get; private set; } = [];

    public List<DriftRun> DriftRuns { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Payouts = await db.Payouts.AsNoTracking().OrderByDescending(p => p.ArrivalDate).ThenByDescending(p => p.Id).Take(200)
            .ToListAsync(cancellationToken);
        Open = await db.ReconciliationExceptions.AsNoTracking().Where(e => e.Status == ExceptionStatus.Open).OrderBy(e => e.CreatedAt).Take(500)
            .ToListAsync(cancellationToken);
        DriftRuns = await db.DriftRuns.AsNoTracking().Include(r => r.Changes).OrderByDescending(r => r.StartedAt).Take(5)
            .ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostResolveAsync(
        long id,
        ExceptionStatus how,
        string? reason,
        string? linkTo,
        string? returnUrl,
        CancellationToken cancellationToken)
    {
        var actor = await users.ActorAsync(User);
        var problem = await desk.ResolveAsync(id, how, reason, linkTo, actor.Id, actor.Name, cancellationToken);
        StatusMessage = problem ?? how switch
        {
            ExceptionStatus.Linked => text["Linked."],
            ExceptionStatus.WrittenOff => text["Written off to the reconciliation write-off account."],
            _ => text["Ignored."],
        };
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToPage();
    }

    /// <summary>Every payout: the payouts export (docs/exports.md), unfiltered.</summary>
    public IActionResult OnGetCsv([FromServices] PayoutsExport export)
        => new ExportFileResult(export.Table(new ExportFilter(null, null)), ExportFormat.Csv);
}

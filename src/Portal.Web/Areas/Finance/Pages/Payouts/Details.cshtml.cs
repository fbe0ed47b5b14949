using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Exports.Tables;
using Portal.Core.Reconciliation;
using Portal.Web.Hosting;

namespace Portal.Web.Areas.Finance.Pages.Payouts;

/// <summary>/finance/payouts/{id}: one payout's lines, what each matched, differences, and its exceptions to resolve.</summary>
public sealed class DetailsModel(PortalDbContext db) : PageModel
{
    public Payout Payout { get; private set; } = null!;

    public List<PayoutLine> Lines { get; private set; } = [];

    public List<ReconciliationException> Exceptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var payout = await db.Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (payout is null)
        {
            return NotFound();
        }

        Payout = payout;
        Lines = await db.PayoutLines.AsNoTracking().Where(l => l.PayoutId == id).OrderBy(l => l.Match).ThenBy(l => l.Id)
            .ToListAsync(cancellationToken);
        Exceptions = await db.ReconciliationExceptions.AsNoTracking().Where(e => e.PayoutId == id).OrderBy(e => e.Status).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(long id, [FromServices] PayoutLinesExport export, CancellationToken cancellationToken)
    {
        var payout = await db.Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return payout is null ? NotFound() : new ExportFileResult(export.Table(payout), ExportFormat.Csv);
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Exports.Tables;
using Portal.Web.Hosting;

namespace Portal.Web.Areas.Communications.Pages.Updates;

/// <summary>Every update, newest first, with where it stands and how its send went; a CSV of the same list.</summary>
public sealed class IndexModel(PortalDbContext db, UpdatesExport updatesExport) : PageModel
{
    public sealed record Row(ImpactUpdate Update, string? FundName, int Sent, int Failed);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await ReadAsync(cancellationToken);

    public IActionResult OnGetCsv() => new ExportFileResult(updatesExport.Table(), ExportFormat.Csv);

    private async Task<List<Row>> ReadAsync(CancellationToken cancellationToken)
    {
        var updates = await db.ImpactUpdates.AsNoTracking().OrderByDescending(u => u.CreatedAt).Take(500).ToListAsync(cancellationToken);
        var ids = updates.Select(u => u.Id).ToList();
        var counts = await db.UpdateDeliveries
            .Where(d => ids.Contains(d.UpdateId) && (d.Status == DeliveryStatus.Sent || d.Status == DeliveryStatus.Failed))
            .GroupBy(d => new { d.UpdateId, d.Status })
            .Select(g => new
            {
                g.Key.UpdateId,
                g.Key.Status,
                Count = g
                .Count()
            })
            .ToListAsync(cancellationToken);
        var funds = await db.Funds.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name, cancellationToken);
        int Count(Guid id, DeliveryStatus status) => counts.Where(c => c.UpdateId == id && c.Status == status).Sum(c => c.Count);
        return updates.Select(u => new Row(
            u,
            u.FundId is { } f ? funds.GetValueOrDefault(f) : null,
            Count(u.Id, DeliveryStatus.Sent),
            Count(u.Id, DeliveryStatus.Failed))).ToList();
    }
}

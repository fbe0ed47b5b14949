using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Payments.Events;

namespace Portal.Web.Areas.Admin.Pages;

/// <summary>/admin: the gateway event inbox's health, and the audit trail.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public List<AuditRecord> Audit { get; private set; } = [];

    public List<(GatewayEventStatus Status, int Count)> Inbox { get; private set; } = [];

    public List<GatewayEvent> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Audit = await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Id).Take(50).ToListAsync(cancellationToken);
        Inbox = (await db.GatewayEvents.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .Select(g => (g.Key, g.Count)).ToList();
        Problems = await db.GatewayEvents.AsNoTracking()
            .Where(e => e.Status == GatewayEventStatus.Failed || e.Status == GatewayEventStatus.Unmatched
                || (e.Status == GatewayEventStatus.Pending && e.Attempts > 0))
            .OrderByDescending(e => e.Id).Take(50).ToListAsync(cancellationToken);
    }
}

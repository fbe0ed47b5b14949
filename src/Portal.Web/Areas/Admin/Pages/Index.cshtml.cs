using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Payments.Events;

namespace Portal.Web.Areas.Admin.Pages;

/// <summary>/admin: the gateway event inbox's health (with its lag: how many wait, since when), and the audit trail.</summary>
public sealed class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public List<AuditRecord> Audit { get; private set; } = [];

    /// <summary>Events per status, each counted up to <see cref="CountCap"/> (shown as "10,000+" past it).</summary>
    public List<(GatewayEventStatus Status, int Count)> Inbox { get; private set; } = [];

    /// <summary>
    /// Applied and ignored events grow with the history (millions at a federation): each status is counted along the
    /// index on (Status, Id) and only up to this, so the page costs the same whatever the history.
    /// </summary>
    public const int CountCap = 10_000;

    public static string Shown(int count) => count > CountCap ? $"{CountCap:N0}+" : $"{count:N0}";

    public List<GatewayEvent> Problems { get; private set; } = [];

    /// <summary>How many events wait to be applied, and when the oldest of them was received and how long ago.</summary>
    public (int Waiting, DateTime? OldestReceivedAt, TimeSpan? OldestAge) Lag { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Audit = await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Id).Take(50).ToListAsync(cancellationToken);
        Inbox = [];
        foreach (var status in Enum.GetValues<GatewayEventStatus>())
        {
            var count = await db.GatewayEvents.Where(e => e.Status == status).OrderBy(e => e.Id).Take(CountCap + 1).CountAsync(cancellationToken);
            if (count > 0)
            {
                Inbox.Add((status, count));
            }
        }

        // Both read the pending events only, from the index on (Status, Id): cheap however long the applied history.
        var waiting = await db.GatewayEvents.CountAsync(e => e.Status == GatewayEventStatus.Pending, cancellationToken);
        var oldest = await db.GatewayEvents.Where(e => e.Status == GatewayEventStatus.Pending).OrderBy(e => e.Id)
            .Select(e => (DateTime?)e.ReceivedAt).FirstOrDefaultAsync(cancellationToken);
        var age = oldest is { } received ? clock.GetUtcNow().UtcDateTime - received : (TimeSpan?)null;
        Lag = (waiting, oldest, age < TimeSpan.Zero ? TimeSpan.Zero : age);
        Problems = await db.GatewayEvents.AsNoTracking()
            .Where(e => e.Status == GatewayEventStatus.Failed || e.Status == GatewayEventStatus.Unmatched
                || (e.Status == GatewayEventStatus.Pending && e.Attempts > 0))
            .OrderByDescending(e => e.Id).Take(50).ToListAsync(cancellationToken);
    }
}

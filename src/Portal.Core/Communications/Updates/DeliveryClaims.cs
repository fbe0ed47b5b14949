using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Communications.Updates;

/// <summary>
/// The database side of a send. A claim moves queued deliveries to <see cref="DeliveryStatus.Sending"/> and commits
/// before any of them is handed to the relay: that write is what makes each delivery "at most once". A claim is
/// stamped with a claim time unique to it, so of two senders racing for the same rows each gets only the ones it won.
/// </summary>
public sealed class DeliveryClaims(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock, PortalTelemetry telemetry)
{
    /// <summary>
    /// Deliveries left <see cref="DeliveryStatus.Sending"/> by a sender that stopped: they may have gone out, so they are not sent again.
    /// </summary>
    public async Task<int> MarkAbandonedAsync(Guid updateId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var abandoned = await db.UpdateDeliveries
            .Where(d => d.UpdateId == updateId && d.Status == DeliveryStatus.Sending && d.ClaimedUntil < now)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatus.Uncertain)
                .SetProperty(
                    d => d.LastError,
                    "The sender stopped while holding it; not sent again, so it is sent at most once."), cancellationToken);
        telemetry.Sends(SendOutcome.Uncertain, SendKind.Update, abandoned);
        return abandoned;
    }

    public async Task<List<UpdateDelivery>> ClaimAsync(Guid updateId, int size, TimeSpan hold, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await db.UpdateDeliveries.AsNoTracking()
            .Where(d => d.UpdateId == updateId && d.Status == DeliveryStatus.Queued && d.NextAttemptAt <= now)
            // In the index's order (update, state, time): a claim reads its batch, not every queued row.
            .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(size).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        // Whole microseconds (PostgreSQL keeps no finer) plus a random offset: this claim's own stamp.
        var stamp = new DateTime((now + hold).Ticks / 10 * 10 + (Random.Shared.NextInt64(1, 10_000_000) * 10), DateTimeKind.Utc);
        await db.UpdateDeliveries
            .Where(d => ids.Contains(d.Id) && d.Status == DeliveryStatus.Queued)
            .ExecuteUpdateAsync(
                set => set.SetProperty(d => d.Status, DeliveryStatus.Sending).SetProperty(d => d.ClaimedUntil, stamp),
                cancellationToken);
        return await db.UpdateDeliveries.AsNoTracking()
            .Where(d => ids.Contains(d.Id) && d.Status == DeliveryStatus.Sending && d.ClaimedUntil == stamp)
            .OrderBy(d => d.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Claimed deliveries that were never handed over (the send stopped first): queued again.</summary>
    public async Task ReleaseAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.UpdateDeliveries.Where(d => ids.Contains(d.Id) && d.Status == DeliveryStatus.Sending)
            .ExecuteUpdateAsync(
                set => set.SetProperty(d => d.Status, DeliveryStatus.Queued).SetProperty(d => d.ClaimedUntil, (DateTime?)null),
                cancellationToken);
    }
}

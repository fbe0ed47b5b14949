using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Payments.Events;

/// <summary>
/// Works through the inbox, applying only events it holds a claim on (<see cref="EventClaims"/>). Each event gets its
/// own scope and transaction; a write conflict with a concurrent worker is retried on fresh data; any other failure is
/// recorded on the event, which is tried again later and marked failed after <see cref="MaxAttempts"/> tries. One bad
/// event never stops the others.
/// </summary>
public sealed class ApplyGatewayEvents(
    IServiceScopeFactory scopes, IBackgroundWork work, TimeProvider clock, IOptions<EventApplyOptions> options, ILogger<ApplyGatewayEvents> logger)
{
    public const int MaxAttempts = 10;
    private const int ConflictRetries = 5;

    /// <summary>Tests only: runs after each event of a batch is applied and released (a fault here stops the batch as a crash would).</summary>
    internal Action<string, long>? AfterEach { get; set; }

    private TimeSpan Lease => options.Value.EventLease;

    /// <summary>
    /// Applies one event now, due or not, if no applier holds it: for a staff member's retry and for tests. Returns its
    /// status; not applied (and unchanged) when another applier holds it, which applies it.
    /// </summary>
    public async Task<ApplyResult> ApplyAsync(long inboxId, CancellationToken cancellationToken)
    {
        var owner = $"one-{Guid.NewGuid():N}";
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            if (!await EventClaims.ClaimOneAsync(db, inboxId, owner, now, now + Lease, cancellationToken))
            {
                var status = await db.GatewayEvents.Where(e => e.Id == inboxId).Select(e => (GatewayEventStatus?)e.Status)
                    .SingleOrDefaultAsync(cancellationToken);
                PaymentLog.EventNotPending(logger, inboxId, status);
                return new ApplyResult(status, ReceiptQueued: false);
            }
        }

        var result = await ApplyClaimedAsync(inboxId, cancellationToken);
        await ReleaseAsync(inboxId, owner);
        return result;
    }

    /// <summary>
    /// Claims and applies every pending event that is due, oldest first, until none is left (the recurring sweep, and
    /// tests). Returns how many were applied.
    /// </summary>
    public async Task<int> ApplyDueAsync(CancellationToken cancellationToken)
    {
        var owner = $"sweep-{Guid.NewGuid():N}";
        var size = options.Value.EventBatchSize;
        var applied = 0;
        for (var waits = 0; ;)
        {
            var batch = await ApplyBatchAsync(owner, size, cancellationToken);
            applied += batch.Applied;
            if (batch.Claimed == size)
            {
                continue;
            }

            // Events left for an earlier one of their payment that another applier holds: that one is done soon.
            if (batch.Deferred == 0 || ++waits > 20)
            {
                return applied;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    /// <summary>
    /// One round of an applier: claims up to <paramref name="size"/> due events for <paramref name="owner"/> and applies
    /// them in id order. An event whose payment has an earlier event still to apply is given back for a later round. A
    /// stop gives back what was not started; a crash leaves it leased until the lease expires.
    /// </summary>
    public async Task<EventBatch> ApplyBatchAsync(string owner, int size, CancellationToken cancellationToken)
    {
        List<(long Id, string? OrderKey)> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            // An idle applier looks twice a second: a read, so that looking takes no write lock (SQLite has one writer).
            if (!await EventClaims.AnyClaimableAsync(db, now, cancellationToken))
            {
                return new EventBatch(0, 0, 0);
            }

            var ids = await EventClaims.ClaimAsync(db, owner, size, now, now + Lease, cancellationToken);
            if (ids.Count == 0)
            {
                return new EventBatch(0, 0, 0);
            }

            claimed = (await db.GatewayEvents.Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.OrderKey })
                .ToListAsync(cancellationToken)).Select(e => (e.Id, e.OrderKey)).OrderBy(e => e.Id).ToList();
        }

        PaymentLog.EventsClaimed(logger, owner, claimed.Count);
        var (applied, deferred) = (0, 0);
        for (var i = 0; i < claimed.Count; i++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                await ReleaseAllAsync(claimed.Skip(i).Select(e => e.Id), owner);
                cancellationToken.ThrowIfCancellationRequested();
            }

            var (id, orderKey) = claimed[i];
            switch (await StartAsync(id, orderKey, owner, cancellationToken))
            {
                case Start.Deferred:
                    deferred++;
                    await ReleaseAsync(id, owner);
                    continue;
                case Start.Lost:
                    continue;
            }

            try
            {
                await ApplyClaimedAsync(id, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping: what this event's transaction did not commit is rolled back; it and the rest go back.
                await ReleaseAllAsync(claimed.Skip(i).Select(e => e.Id), owner);
                throw;
            }

            await ReleaseAsync(id, owner);
            applied++;
            AfterEach?.Invoke(owner, id);
        }

        return new EventBatch(claimed.Count, applied, deferred);
    }

    private async Task<Start> StartAsync(long id, string? orderKey, string owner, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        if (orderKey is not null && await EventClaims.WaitsForEarlierAsync(db, id, orderKey, owner, now, cancellationToken))
        {
            PaymentLog.EventDeferred(logger, id, orderKey);
            return Start.Deferred;
        }

        // The lease is renewed as each event starts, so a long batch keeps the events it has not reached yet.
        return await EventClaims.RenewAsync(db, id, owner, now + Lease, cancellationToken) ? Start.Go : Start.Lost;
    }

    private async Task<ApplyResult> ApplyClaimedAsync(long inboxId, CancellationToken cancellationToken)
    {
        for (var conflicts = 0; ; conflicts++)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                var result = await scope.ServiceProvider.GetRequiredService<ApplyGatewayEvent>().ApplyAsync(inboxId, cancellationToken);
                if (result.ReceiptQueued)
                {
                    work.SendQueuedEmails();
                }

                return result;
            }
            catch (DbUpdateException) when (conflicts < ConflictRetries)
            {
                // Another worker changed the same charge first; the next round reads what it wrote. The short
                // pause is real time, not the business clock: it only spreads two workers apart.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 30) * (conflicts + 1)), cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                await RecordFailureAsync(inboxId, error, cancellationToken);
                return new ApplyResult(null, false);
            }
        }
    }

    private async Task RecordFailureAsync(long inboxId, Exception error, CancellationToken cancellationToken)
    {
        PaymentLog.EventFailed(logger, error, inboxId);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var row = await db.GatewayEvents.SingleOrDefaultAsync(e => e.Id == inboxId, cancellationToken);
        if (row is null)
        {
            return;
        }

        row.Attempts++;
        row.Note = Truncate($"{error.GetType().Name}: {error.Message}", 1000);
        row.NextAttemptAt = clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(Math.Min(60, 1 << Math.Min(row.Attempts, 6)));
        row.Status = row.Attempts >= MaxAttempts ? GatewayEventStatus.Failed : GatewayEventStatus.Pending;
        row.LeaseOwner = null;
        row.LeaseExpiresAt = null;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Not cancelled by a stop: giving an event back is what a stop should still do.</summary>
    private async Task ReleaseAsync(long id, string owner)
    {
        await using var scope = scopes.CreateAsyncScope();
        await EventClaims.ReleaseAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), id, owner, CancellationToken.None);
    }

    private async Task ReleaseAllAsync(IEnumerable<long> ids, string owner)
    {
        foreach (var id in ids)
        {
            await ReleaseAsync(id, owner);
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private enum Start
    {
        Go,
        Deferred,
        Lost,
    }
}

/// <summary>One applier round: how many events it claimed, applied, and gave back for a later round.</summary>
public sealed record EventBatch(int Claimed, int Applied, int Deferred);

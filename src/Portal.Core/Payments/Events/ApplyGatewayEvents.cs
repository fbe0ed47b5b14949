using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Payments.Events;

/// <summary>
/// Works through the inbox, applying only events it holds a claim on (<see cref="EventClaims"/>). Payment events share
/// a transaction, a few at a time (<see cref="EventApplyOptions.EventsPerTransaction"/>, decision 043); if it fails,
/// and for every other event, each gets its own scope and transaction. A write conflict with a concurrent worker is
/// retried on fresh data; any other failure is recorded on the event, which is tried again later and marked failed
/// after <see cref="MaxAttempts"/> tries. One bad event never stops the others.
/// </summary>
public sealed partial class ApplyGatewayEvents(
    IServiceScopeFactory scopes,
    IBackgroundWork work,
    TimeProvider clock,
    IOptions<EventApplyOptions> options,
    ILogger<ApplyGatewayEvents> logger)
{
    public const int MaxAttempts = 10;
    private const int ConflictRetries = 5;

    /// <summary>Tests only: runs after each event of a batch is applied and released (a fault here stops the batch as a crash would).</summary>
    internal Action<string, long>? AfterEach { get; set; }

    /// <summary>
    /// Tests only: runs inside the transaction of several events after each is applied (a fault here stops the batch as
    /// a crash would, before the commit).
    /// </summary>
    internal Action<string, long>? InTransaction { get; set; }

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
        if (result.Receipts > 0)
        {
            work.SendQueuedEmails();
        }

        await ReleaseUnlessConcludedAsync(result, inboxId, owner);
        return result.Result;
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
        DateTime renewed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            renewed = now;
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
        // Receipts are sent by one job for all that are queued: the batch asks for it at most once a second.
        var receipts = new ReceiptNudges(work);
        HashSet<long>? held = null;
        for (var i = 0; i < claimed.Count;)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                receipts.Flush();
                await ReleaseAllAsync(claimed.Skip(i).Select(e => e.Id), owner);
                cancellationToken.ThrowIfCancellationRequested();
            }

            // The batch's leases are renewed together once a quarter of the lease has passed, not one write per event:
            // each event starts with at least three quarters of its lease left. One lost meanwhile is skipped.
            if (clock.GetUtcNow().UtcDateTime - renewed >= Lease / 4)
            {
                renewed = clock.GetUtcNow().UtcDateTime;
                held = await RenewAsync(claimed.Skip(i).Select(e => e.Id).ToList(), owner, renewed + Lease, cancellationToken);
            }

            // The next events that may start now go in one transaction (decision 043).
            var run = new List<long>();
            var next = i;
            while (next < claimed.Count && run.Count < options.Value.PerTransaction)
            {
                var (id, orderKey) = claimed[next++];
                switch (held is not null && !held.Contains(id) ? Start.Lost : await StartAsync(id, orderKey, owner, cancellationToken))
                {
                    case Start.Deferred:
                        deferred++;
                        await ReleaseAsync(id, owner);
                        continue;
                    case Start.Lost:
                        continue;
                }

                run.Add(id);
            }

            Dictionary<long, Applied> results;
            try
            {
                results = await ApplyRunAsync(run, owner, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping: what the transaction did not commit is rolled back; its events and the rest go back.
                receipts.Flush();
                await ReleaseAllAsync(claimed.Skip(i).Select(e => e.Id), owner);
                throw;
            }

            foreach (var id in run)
            {
                receipts.Add(results[id].Receipts);
                await ReleaseUnlessConcludedAsync(results[id], id, owner);
                applied++;
                AfterEach?.Invoke(owner, id);
            }

            i = next;
        }

        receipts.Flush();
        return new EventBatch(claimed.Count, applied, deferred);
    }

    /// <summary>
    /// Applies a run of claimed events: together in one transaction where they are payment events, else (and if that
    /// fails) one by one. A fault injected by a test is a crash, which nothing here catches.
    /// </summary>
    private async Task<Dictionary<long, Applied>> ApplyRunAsync(List<long> run, string owner, CancellationToken cancellationToken)
    {
        var results = new Dictionary<long, Applied>();
        if (run.Count > 1)
        {
            var crashed = false;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var together = await scope.ServiceProvider.GetRequiredService<ApplyGatewayEvent>().ApplyTogetherAsync(
                    run,
                    id =>
                    {
                        try
                        {
                            InTransaction?.Invoke(owner, id);
                        }
                        catch
                        {
                            crashed = true;
                            throw;
                        }
                    },
                    cancellationToken);
                foreach (var (id, result) in together)
                {
                    results[id] = new Applied(result, result.ReceiptQueued ? 1 : 0);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException && !crashed)
            {
                // A conflict with another applier, or one event that fails: each goes alone, with its own retries.
                PaymentLog.EventsAppliedAlone(logger, error, run.Count);
                results.Clear();
            }
        }

        // The events left out of the transaction (or all of them, if it failed), in order.
        foreach (var id in run.Where(id => !results.ContainsKey(id)))
        {
            results[id] = await ApplyClaimedAsync(id, cancellationToken);
        }

        return results;
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

        return Start.Go;
    }

    private async Task<HashSet<long>> RenewAsync(List<long> ids, string owner, DateTime until, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await EventClaims.RenewAsync(db, ids, owner, until, cancellationToken);
    }

    /// <summary>
    /// Gives the event back unless applying concluded it: a concluded event's lease was cleared in its own transaction
    /// (<see cref="GatewayEvent.Conclude"/>), which saves a write per event at the one writer of SQLite.
    /// </summary>
    private Task ReleaseUnlessConcludedAsync(Applied applied, long id, string owner) =>
        applied.Result.Status is null or GatewayEventStatus.Pending ? ReleaseAsync(id, owner) : Task.CompletedTask;

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

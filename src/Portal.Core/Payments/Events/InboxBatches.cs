using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;

namespace Portal.Core.Payments.Events;

/// <summary>
/// Stores the gateway events delivered at about the same time in one transaction (a group commit, decision 039). The
/// first delivery to find no store running stores its own event and every one that arrived meanwhile; the others wait
/// for that commit. Under a webhook storm one commit then carries many events, where each had taken its own turn at
/// the database's single writer; a lone delivery is stored at once, as before.
/// <para>
/// An event is stored once by its gateway and id: one already stored, or twice in a batch, is answered with the stored
/// row. When another node stores one of the batch's events at the same moment, the batch's commit fails on the unique
/// index and each of its events is stored on its own instead, as a single delivery is.
/// </para>
/// </summary>
public sealed class InboxBatches(IServiceScopeFactory scopes) : IDisposable
{
    /// <summary>At most this many events in one commit.</summary>
    public const int MaxBatch = 64;

    private readonly SemaphoreSlim storing = new(1, 1);
    private readonly Lock waitingLock = new();
    private readonly List<Waiting> waiting = [];

    /// <summary>Stores <paramref name="row"/> unless its event is stored already.</summary>
    /// <returns>The inbox row's id, and whether this call stored it (false for a repeated delivery).</returns>
    public async Task<(long Id, bool Stored)> StoreAsync(GatewayEvent row, CancellationToken cancellationToken)
    {
        var mine = new Waiting(row);
        lock (waitingLock)
        {
            waiting.Add(mine);
        }

        // A delivery whose sender gave up still has its event stored: the store runs to its end for everyone in it.
        await storing.WaitAsync(CancellationToken.None);
        try
        {
            // More than a batch may wait ahead of this event: store batches until it is in one.
            while (!mine.Result.Task.IsCompleted)
            {
                await StoreWaitingAsync();
            }
        }
        finally
        {
            storing.Release();
        }

        return await mine.Result.Task.WaitAsync(cancellationToken);
    }

    public void Dispose() => storing.Dispose();

    private async Task StoreWaitingAsync()
    {
        List<Waiting> batch;
        lock (waitingLock)
        {
            batch = waiting.Take(MaxBatch).ToList();
            waiting.RemoveRange(0, batch.Count);
        }

        try
        {
            await StoreTogetherAsync(batch);
        }
        catch (DbUpdateException)
        {
            // Another node stored one of these events at the same moment: store each on its own.
            foreach (var one in batch)
            {
                await StoreAloneAsync(one);
            }
        }
        catch (Exception error)
        {
            // Each delivery in the batch fails as it would have alone (the sender retries); none is left waiting.
            foreach (var one in batch)
            {
                one.Result.TrySetException(error);
            }
        }
    }

    private async Task StoreTogetherAsync(List<Waiting> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var ids = batch.Select(w => w.Row.EventId).Distinct().ToList();
        var stored = (await db.GatewayEvents.Where(e => ids.Contains(e.EventId))
                .Select(e => new { e.Gateway, e.EventId, e.Id })
                .ToListAsync())
            .ToDictionary(e => (e.Gateway, e.EventId), e => e.Id);
        var added = new Dictionary<(string, string), GatewayEvent>();
        foreach (var one in batch)
        {
            var key = (one.Row.Gateway, one.Row.EventId);
            if (!stored.ContainsKey(key) && added.TryAdd(key, one.Row))
            {
                db.GatewayEvents.Add(one.Row);
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        foreach (var one in batch)
        {
            var key = (one.Row.Gateway, one.Row.EventId);
            one.Result.TrySetResult(stored.TryGetValue(key, out var id)
                ? (id, false)
                : (added[key].Id, ReferenceEquals(added[key], one.Row)));
        }
    }

    private async Task StoreAloneAsync(Waiting one)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var row = one.Row;
            var existing = await FindAsync(db, row);
            if (existing is not null)
            {
                one.Result.TrySetResult((existing.Value, false));
                return;
            }

            row.Id = 0;
            db.GatewayEvents.Add(row);
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                one.Result.TrySetResult((row.Id, true));
            }
            catch (DbUpdateException)
            {
                // Two deliveries of one event arrived together and the other stored it; anything else is a real failure.
                db.Entry(row).State = EntityState.Detached;
                var raced = await FindAsync(db, row);
                one.Result.TrySetResult(raced is { } id ? (id, false) : throw new InvalidOperationException(
                    $"Gateway event {row.EventId} could not be stored, and no other delivery stored it."));
            }
        }
        catch (Exception error)
        {
            one.Result.TrySetException(error);
        }
    }

    private static async Task<long?> FindAsync(PortalDbContext db, GatewayEvent row) =>
        await db.GatewayEvents.Where(e => e.Gateway == row.Gateway && e.EventId == row.EventId)
            .Select(e => (long?)e.Id).FirstOrDefaultAsync();

    private sealed class Waiting(GatewayEvent row)
    {
        public GatewayEvent Row { get; } = row;

        public TaskCompletionSource<(long Id, bool Stored)> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

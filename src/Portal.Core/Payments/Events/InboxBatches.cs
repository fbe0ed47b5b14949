using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Waiting = Portal.Core.Data.GroupCommit<Portal.Core.Payments.Events.GatewayEvent, (long Id, bool Stored)>.Pending;

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
public sealed class InboxBatches : IDisposable
{
    /// <summary>At most this many events in one commit.</summary>
    public const int MaxBatch = 64;

    private readonly IServiceScopeFactory scopes;
    private readonly GroupCommit<GatewayEvent, (long Id, bool Stored)> commits;

    public InboxBatches(IServiceScopeFactory scopes)
    {
        this.scopes = scopes;
        commits = new(MaxBatch, StoreBatchAsync);
    }

    /// <summary>Stores <paramref name="row"/> unless its event is stored already.</summary>
    /// <returns>The inbox row's id, and whether this call stored it (false for a repeated delivery).</returns>
    public Task<(long Id, bool Stored)> StoreAsync(GatewayEvent row, CancellationToken cancellationToken) =>
        commits.CommitAsync(row, cancellationToken);

    public void Dispose() => commits.Dispose();

    private async Task StoreBatchAsync(IReadOnlyList<Waiting> batch)
    {
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
    }

    private async Task StoreTogetherAsync(IReadOnlyList<Waiting> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var stored = new Dictionary<(string, string), long>();
        foreach (var gateway in batch.GroupBy(w => w.Item.Gateway, StringComparer.Ordinal))
        {
            // By gateway and id, the unique index's two columns: a search of the index, never a read of the inbox's
            // history (the id alone is not its first column: PostgreSQL looked for it through the whole index).
            var name = gateway.Key;
            var ids = gateway.Select(w => w.Item.EventId).Distinct(StringComparer.Ordinal).ToList();
            foreach (var row in await db.GatewayEvents.Where(e => e.Gateway == name && ids.Contains(e.EventId))
                .Select(e => new { e.EventId, e.Id }).ToListAsync())
            {
                stored[(name, row.EventId)] = row.Id;
            }
        }

        var added = new Dictionary<(string, string), GatewayEvent>();
        foreach (var one in batch)
        {
            var key = (one.Item.Gateway, one.Item.EventId);
            if (!stored.ContainsKey(key) && added.TryAdd(key, one.Item))
            {
                db.GatewayEvents.Add(one.Item);
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        foreach (var one in batch)
        {
            var key = (one.Item.Gateway, one.Item.EventId);
            one.Result.TrySetResult(stored.TryGetValue(key, out var id)
                ? (id, false)
                : (added[key].Id, ReferenceEquals(added[key], one.Item)));
        }
    }

    private async Task StoreAloneAsync(Waiting one)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var row = one.Item;
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
}

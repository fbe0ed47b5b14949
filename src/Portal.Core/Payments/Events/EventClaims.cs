using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Payments.Events;

/// <summary>
/// The appliers' claims on stored events (decision 035). A claim is a lease: an owner and an expiry written on the
/// event in one statement, so two appliers, on one node or several, never hold one event at once; an applier that
/// dies leaves its events to the next claim once the lease expires. Claimable: pending, due, and not leased (or the
/// lease expired).
/// </summary>
public static class EventClaims
{
    /// <summary>Leases up to <paramref name="count"/> claimable events to <paramref name="owner"/>; their ids, oldest first.</summary>
    public static async Task<List<long>> ClaimAsync(
        PortalDbContext db, string owner, int count, DateTime now, DateTime until, CancellationToken cancellationToken)
    {
        const int pending = (int)GatewayEventStatus.Pending;
        // Written out: a claim must pick and mark rows in one statement, which LINQ cannot compose.
        FormattableString sql = db.Database.ProviderName switch
        {
            // Rows another claim holds locked are skipped, not waited for; READPAST needs the row locks.
            "Microsoft.EntityFrameworkCore.SqlServer" => $"""
                WITH [batch] AS (
                    SELECT TOP ({count}) [Id], [LeaseOwner], [LeaseExpiresAt] FROM [GatewayEvents] WITH (UPDLOCK, READPAST, ROWLOCK)
                    WHERE [Status] = {pending} AND [NextAttemptAt] <= {now} AND ([LeaseExpiresAt] IS NULL OR [LeaseExpiresAt] <= {now})
                    ORDER BY [Id])
                UPDATE [batch] SET [LeaseOwner] = {owner}, [LeaseExpiresAt] = {until}
                OUTPUT inserted.[Id] AS [Value];
                """,
            "Npgsql.EntityFrameworkCore.PostgreSQL" => $"""
                UPDATE "GatewayEvents" SET "LeaseOwner" = {owner}, "LeaseExpiresAt" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM "GatewayEvents"
                    WHERE "Status" = {pending} AND "NextAttemptAt" <= {now} AND ("LeaseExpiresAt" IS NULL OR "LeaseExpiresAt" <= {now})
                    ORDER BY "Id" LIMIT {count}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value";
                """,
            // SQLite has one writer at a time, so the statement is atomic as it stands.
            _ => $"""
                UPDATE "GatewayEvents" SET "LeaseOwner" = {owner}, "LeaseExpiresAt" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM "GatewayEvents"
                    WHERE "Status" = {pending} AND "NextAttemptAt" <= {now} AND ("LeaseExpiresAt" IS NULL OR "LeaseExpiresAt" <= {now})
                    ORDER BY "Id" LIMIT {count})
                RETURNING "Id" AS "Value";
                """,
        };
        var ids = await db.Database.SqlQuery<long>(sql).ToListAsync(cancellationToken);
        ids.Sort();
        return ids;
    }

    /// <summary>Whether a claim would find anything, read from the index on (Status, NextAttemptAt) without locking.</summary>
    public static Task<bool> AnyClaimableAsync(PortalDbContext db, DateTime now, CancellationToken cancellationToken) =>
        db.GatewayEvents.AnyAsync(
            e => e.Status == GatewayEventStatus.Pending && e.NextAttemptAt <= now && (e.LeaseExpiresAt == null || e.LeaseExpiresAt <= now),
            cancellationToken);

    /// <summary>Leases one pending event, due or not, to <paramref name="owner"/> unless another holds it.</summary>
    public static async Task<bool> ClaimOneAsync(
        PortalDbContext db, long id, string owner, DateTime now, DateTime until, CancellationToken cancellationToken) =>
        await db.GatewayEvents
            .Where(e => e.Id == id && e.Status == GatewayEventStatus.Pending && (e.LeaseExpiresAt == null || e.LeaseExpiresAt <= now))
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.LeaseOwner, owner).SetProperty(x => x.LeaseExpiresAt, until), cancellationToken) == 1;

    /// <summary>
    /// Extends the owner's lease on the events of its batch it has not reached yet, in one statement; returns those it
    /// still holds. One missing was lost meanwhile (its lease expired and another applier took it) or is no longer
    /// pending.
    /// </summary>
    public static async Task<HashSet<long>> RenewAsync(
        PortalDbContext db, List<long> ids, string owner, DateTime until, CancellationToken cancellationToken)
    {
        await db.GatewayEvents.Where(e => ids.Contains(e.Id) && e.LeaseOwner == owner && e.Status == GatewayEventStatus.Pending)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.LeaseExpiresAt, until), cancellationToken);
        return (await db.GatewayEvents.Where(e => ids.Contains(e.Id) && e.LeaseOwner == owner && e.Status == GatewayEventStatus.Pending)
            .Select(e => e.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>Gives the event back: done, its failure recorded, or left for a later round.</summary>
    public static Task ReleaseAsync(PortalDbContext db, long id, string owner, CancellationToken cancellationToken) =>
        db.GatewayEvents.Where(e => e.Id == id && e.LeaseOwner == owner)
            .ExecuteUpdateAsync(
                e => e.SetProperty(x => x.LeaseOwner, (string?)null).SetProperty(x => x.LeaseExpiresAt, (DateTime?)null),
                cancellationToken);

    /// <summary>
    /// Whether an earlier event of the same payment must go first: still pending and either held by another applier
    /// or due and unclaimed. One that waits for a retry after a failure does not hold the later ones back.
    /// </summary>
    public static Task<bool> WaitsForEarlierAsync(
        PortalDbContext db, long id, string orderKey, string owner, DateTime now, CancellationToken cancellationToken) =>
        db.GatewayEvents.AnyAsync(
            e => e.OrderKey == orderKey && e.Status == GatewayEventStatus.Pending && e.Id < id
                && ((e.LeaseExpiresAt > now && e.LeaseOwner != owner)
                    || ((e.LeaseExpiresAt == null || e.LeaseExpiresAt <= now) && e.NextAttemptAt <= now)),
            cancellationToken);
}

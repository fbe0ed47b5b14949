using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Sponsorships.Runs;

/// <summary>On PostgreSQL and SQL Server, several workers claim side by side: each skips the rows another holds.</summary>
public sealed partial class ChargeRunner
{
    /// <summary>
    /// Locks the next due batch after <paramref name="after"/> that no other transaction holds, claims it and commits;
    /// null when nothing due is left to this run.
    /// </summary>
    private async Task<(Guid After, List<Charge> Claimed)?> ClaimLockedBatchAsync(
        PortalDbContext db, long runId, DateOnly today, Guid after, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The same rows as DueQuery; written out because row locks that skip cannot be composed onto a LINQ query.
        var batch = db.Database.IsSqlServer() ? await db.Sponsorships.FromSql($"""
            SELECT TOP ({settings.BatchSize}) * FROM [Sponsorships] WITH (UPDLOCK, ROWLOCK, READPAST)
            WHERE ([Status] = {(int)SponsorshipStatus.Active}
                   OR ([Status] = {(int)SponsorshipStatus.Paused} AND [PausedUntil] <= {today}))
              AND [NextPeriodStart] <= {today} AND [Interval] <> {(int)SponsorshipInterval.Once} AND [Id] > {after}
            ORDER BY [Id]
            """).ToListAsync(cancellationToken) : await db.Sponsorships.FromSql($"""
            SELECT * FROM "Sponsorships"
            WHERE ("Status" = {(int)SponsorshipStatus.Active}
                   OR ("Status" = {(int)SponsorshipStatus.Paused} AND "PausedUntil" <= {today}))
              AND "NextPeriodStart" <= {today} AND "Interval" <> {(int)SponsorshipInterval.Once} AND "Id" > {after}
            ORDER BY "Id" LIMIT {settings.BatchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return null;
        }

        var claimed = Claim(db, batch, runId, today);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (batch[^1].Id, claimed);
    }
}

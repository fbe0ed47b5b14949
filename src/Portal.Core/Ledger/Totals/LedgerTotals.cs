using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;

namespace Portal.Core.Ledger.Totals;

/// <summary>
/// The totals' life outside the postings that keep them: built once from the records after the migration that added
/// them, checked against the records nightly (and rebuilt, loudly, if they ever differ), rebuilt on an operator's command.
/// </summary>
public sealed partial class LedgerTotals(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock, ILogger<LedgerTotals> logger)
{
    private const int StateId = 1;

    /// <summary>Builds the totals if they never were (a database that had journal lines before this version).</summary>
    public async Task EnsureBuiltAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.LedgerTotalsStates.AnyAsync(cancellationToken))
        {
            await RebuildAsync(onlyIfUnbuilt: true, cancellationToken);
        }
    }

    /// <summary>Recomputes every total from the records and replaces the stored ones, with postings held back meanwhile.</summary>
    /// <returns>What differed before the rebuild (empty when the totals were right).</returns>
    public async Task<IReadOnlyList<string>> RebuildAsync(CancellationToken cancellationToken) => await RebuildAsync(false, cancellationToken);

    /// <summary>Compares the stored totals with the records on one consistent view; repairs them if they differ.</summary>
    public async Task<TotalsCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> differences;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await ReadSnapshotAsync(db, cancellationToken);
            var stored = await TotalsSnapshot.StoredAsync(db, cancellationToken);
            differences =
            [
                .. stored.Differences(await TotalsSnapshot.FromRecordsAsync(db, cancellationToken), 20),
                .. (await LastGifts.Wrong(db).Take(5).ToListAsync(cancellationToken)).Select(id => $"donor {id}: last gift date"),
            ];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        string summary;
        if (differences.Count == 0)
        {
            summary = "The totals agree with the ledger.";
            LogAgree();
        }
        else
        {
            LogDiffer(differences.Count, string.Join("; ", differences));
            await RebuildAsync(false, cancellationToken);
            summary = $"The totals differed from the ledger in {differences.Count}{(differences.Count == 20 ? " or more" : "")} places "
                + $"and were rebuilt: {string.Join("; ", differences)}";
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var state = await db.LedgerTotalsStates.SingleOrDefaultAsync(s => s.Id == StateId, cancellationToken);
            if (state is null)
            {
                state = new LedgerTotalsState { Id = StateId, BuiltAt = now };
                db.LedgerTotalsStates.Add(state);
            }

            (state.CheckedAt, state.CheckResult) = (now, summary.Length > 2000 ? summary[..2000] : summary);
            await db.SaveChangesAsync(cancellationToken);
        }

        return new TotalsCheckResult(differences.Count == 0, summary);
    }

    private async Task<IReadOnlyList<string>> RebuildAsync(bool onlyIfUnbuilt, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await HoldPostingsAsync(db, cancellationToken);
        var state = await db.LedgerTotalsStates.SingleOrDefaultAsync(s => s.Id == StateId, cancellationToken);
        if (onlyIfUnbuilt && state is not null)
        {
            return [];
        }

        await GiftDates.BackfillAsync(db, cancellationToken);
        await EventsBackfill.RunAsync(db, clock, cancellationToken);
        await LastGifts.FromGiftsAsync(db, db.Donors.Where(d => LastGifts.Wrong(db).Contains(d.Id)), cancellationToken);
        var stored = await TotalsSnapshot.StoredAsync(db, cancellationToken);
        var expected = await TotalsSnapshot.FromRecordsAsync(db, cancellationToken);
        var differences = stored.Differences(expected, 20);
        await db.AccountDayTotals.ExecuteDeleteAsync(cancellationToken);
        await db.AccountTotals.ExecuteDeleteAsync(cancellationToken);
        await db.GiftDayTotals.ExecuteDeleteAsync(cancellationToken);
        await db.GiftDonorDays.ExecuteDeleteAsync(cancellationToken);
        await db.FundSponsorCounts.ExecuteDeleteAsync(cancellationToken);
        await db.SponsorshipMonthTotals.ExecuteDeleteAsync(cancellationToken);
        await db.GiftMonthTotals.ExecuteDeleteAsync(cancellationToken);
        await TotalsWrite.AllAsync(db, expected, cancellationToken);
        if (state is null)
        {
            db.LedgerTotalsStates.Add(new LedgerTotalsState { Id = StateId, BuiltAt = clock.GetUtcNow().UtcDateTime });
        }
        else
        {
            state.BuiltAt = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRebuilt(expected.Totals.Accounts.Count, expected.Totals.Days.Count);
        return differences;
    }

    /// <summary>
    /// Postings write their totals as they commit; holding the totals' tables makes them wait, so every line the
    /// rebuild reads has its totals written and none lands while it runs. SQLite's write lock does the same.
    /// </summary>
    private static async Task HoldPostingsAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(
                "LOCK TABLE \"AccountTotals\", \"AccountDayTotals\", \"GiftDayTotals\", \"GiftDonorDays\", \"FundSponsorCounts\", "
                + "\"SponsorshipMonthTotals\", \"GiftMonthTotals\", \"SponsorshipEvents\" IN EXCLUSIVE MODE",
                cancellationToken);
        }
        else if (db.Database.IsSqlServer())
        {
            await db.Database.ExecuteSqlRawAsync(
                "SELECT TOP 0 1 FROM [AccountTotals] WITH (TABLOCKX, HOLDLOCK); SELECT TOP 0 1 FROM [AccountDayTotals] WITH (TABLOCKX, HOLDLOCK); " +
                "SELECT TOP 0 1 FROM [GiftDayTotals] WITH (TABLOCKX, HOLDLOCK); SELECT TOP 0 1 FROM [GiftDonorDays] WITH (TABLOCKX, HOLDLOCK); " +
                "SELECT TOP 0 1 FROM [FundSponsorCounts] WITH (TABLOCKX, HOLDLOCK); "
                + "SELECT TOP 0 1 FROM [SponsorshipMonthTotals] WITH (TABLOCKX, HOLDLOCK); "
                + "SELECT TOP 0 1 FROM [GiftMonthTotals] WITH (TABLOCKX, HOLDLOCK); "
                + "SELECT TOP 0 1 FROM [SponsorshipEvents] WITH (TABLOCKX, HOLDLOCK);",
                cancellationToken);
        }
        else
        {
            // EF begins SQLite transactions IMMEDIATE: the write lock is held from the start. Touch the file to be sure.
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"LedgerTotalsStates\" WHERE 0", cancellationToken);
        }
    }

    /// <summary>A read-only transaction with one view of the data for every query in it, that blocks no writer.</summary>
    private static async Task<IDbContextTransaction> ReadSnapshotAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            return await db.Database.UseTransactionAsync(connection.BeginTransaction(deferred: true), cancellationToken)
                ?? throw new InvalidOperationException("SQLite did not start a transaction.");
        }

        // SQL Server needs ALLOW_SNAPSHOT_ISOLATION for this (see the README).
        return await db.Database
            .BeginTransactionAsync(db.Database.IsNpgsql() ? IsolationLevel.RepeatableRead : IsolationLevel.Snapshot, cancellationToken);
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Ledger totals checked: they agree with the journal")]
    private partial void LogAgree();

    [LoggerMessage(EventId = 2011, Level = LogLevel.Error,
        Message = "Ledger totals differ from the records in {Count} places; rebuilding them: {Differences}")]
    private partial void LogDiffer(int count, string differences);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Ledger totals rebuilt: {Accounts} accounts, {Days} account days")]
    private partial void LogRebuilt(int accounts, int days);
}

public sealed record TotalsCheckResult(bool Agreed, string Summary);

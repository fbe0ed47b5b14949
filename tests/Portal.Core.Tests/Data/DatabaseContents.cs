using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Ledger;
using Portal.Core.Ledger.Totals;
using Portal.Testing;

namespace Portal.Core.Tests.Data;

/// <summary>
/// What a backup must keep, read through the portal's own services: every table's row count, every fund's figures
/// (<see cref="FundFigures"/>), every account's balance summed from the journal's lines, the running totals' check and
/// the audit chain's.
/// </summary>
internal sealed record DatabaseContents(
    IReadOnlyDictionary<string, long> Rows,
    IReadOnlyList<FundFigures> Figures,
    IReadOnlyDictionary<long, long> Balances,
    TotalsCheckResult Totals,
    ChainCheck Audit)
{
    public static async Task<DatabaseContents> ReadAsync(PortalServices services)
    {
        // The checks first: the totals' check records its result in a row of its own.
        var totals = await services.Get<LedgerTotals>().CheckAsync(CancellationToken.None);
        var audit = await services.Get<AuditChain>().VerifyAsync(CancellationToken.None);
        await using var db = services.CreateContext();
        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in db.Model.GetRelationalModel().Tables.Select(t => t.Name))
        {
#pragma warning disable EF1002 // The table names come from the model, not from input.
            rows[table] = await db.Database.SqlQueryRaw<long>($"SELECT count(*) AS \"Value\" FROM \"{table}\"").SingleAsync();
#pragma warning restore EF1002
        }

        var figures = await services.InScopeAsync(scope => scope.GetRequiredService<FundFiguresReader>()
            .SinceTheBeginningAsync(null, CancellationToken.None));
        var balances = await db.JournalLines.GroupBy(l => l.AccountId).Select(g => new { g.Key, Sum = g.Sum(l => l.AmountMinor) })
            .ToDictionaryAsync(b => b.Key, b => b.Sum);
        return new DatabaseContents(rows, figures, balances, totals, audit);
    }

    /// <summary>Fails unless <paramref name="restored"/> holds what this held, and both are whole.</summary>
    public void AssertRestoredAs(DatabaseContents restored)
    {
        Assert.True(Totals.Agreed, $"Before the backup: {Totals.Summary}");
        Assert.True(restored.Totals.Agreed, $"After the restore: {restored.Totals.Summary}");
        Assert.True(Audit.Intact && restored.Audit.Intact, $"Audit chain: before {Audit.Problem}, after {restored.Audit.Problem}");
        Assert.Equal(Audit.Verified, restored.Audit.Verified);
        Assert.Equal(Rows, restored.Rows);
        Assert.Equal(Figures, restored.Figures);
        Assert.Equal(Balances, restored.Balances);
    }
}

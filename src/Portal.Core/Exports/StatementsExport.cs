using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Spending;

namespace Portal.Core.Exports;

/// <summary>Fund statements for the period: one row per fund and currency, every fund unless one is chosen.</summary>
public sealed class StatementsExport(PortalDbContext db, FundStatements statements)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "fund_code", "fund_name", "from", "to", "currency", "opening", "gifts", "returned", "refunds", "disputes", "fees", "net", "spent",
        .. SpendingCategories.All.Select(c => "spent_" + c.Code),
        "closing", "donors", "reporting_currency", "gifts_in_reporting_currency", "settled_gifts", "average_rate", "unsettled_gifts",
        "settled_in_other_currency",
    ];

    /// <summary>Needs a period (<see cref="ExportFilter.Problem"/> says so).</summary>
    public ExportTable Table(ExportFilter filter) => new($"statements{filter.FileSuffix()}", Columns, RowsAsync(filter));

    public static Cell[] Row(FundStatement s) =>
    [
        Cell.Of(s.Fund.Code), Cell.Of(s.Fund.Name), Cell.Of(s.From), Cell.Of(s.To), Cell.Of(s.Currency.Code),
        Cell.Of(s.Opening), Cell.Of(s.Gifts), Cell.Of(s.Returned), Cell.Of(s.Refunds), Cell.Of(s.Disputes), Cell.Of(s.Fees), Cell.Of(s.Net), Cell.Of(
            s.Spent),
        .. s.SpendingByCategory.Select(c => Cell.Of(c.Amount)),
        Cell.Of(s.Closing), Cell.Of(s.Donors), Cell.Of(s.Reporting.Settled.Currency.Code), Cell.Of(s.Reporting.Settled), Cell.Of(
            s.Reporting.SettledGifts),
        Cell.OfRate(s.Reporting.AverageRate), Cell.Of(s.Reporting.UnsettledGifts), Cell.Of(s.Reporting.OtherCurrencyGifts),
    ];

    private async IAsyncEnumerable<Cell[]> RowsAsync(ExportFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (from, to) = (filter.From ?? throw new ArgumentException("A statement needs a period.", nameof(filter)), filter.To
            ?? throw new ArgumentException("A statement needs a period.", nameof(filter)));
        var funds = await db.Funds.AsNoTracking().Where(f => filter.FundId == null || f.Id == filter.FundId)
            .OrderBy(f => f.Kind).ThenBy(f => f.Name).ToListAsync(cancellationToken);
        // One fund at a time: a statement is a few rows, summed in the database.
        foreach (var fund in funds)
        {
            foreach (var statement in await statements.ForAsync(fund, from, to, cancellationToken))
            {
                yield return Row(statement);
            }
        }
    }
}

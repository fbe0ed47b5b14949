using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Shared;
using Portal.Core.Spending;

namespace Portal.Core.Ledger;

/// <summary>
/// A fund's statement for a period, per currency, from the ledger: the balance it started with, gifts, gifts returned,
/// refunds, disputes, fees, spending by category, the balance it ended with, how many donors gave, and the gifts in the
/// reporting currency. Money figures are sums of journal lines, so the statement always agrees with the journal.
/// </summary>
public sealed class FundStatements(IDbContextFactory<PortalDbContext> contexts, IOptions<PortalOptions> options)
{
    private readonly Currency reporting = options.Value.FindReportingCurrency();

    public async Task<IReadOnlyList<FundStatement>> ForAsync(Fund fund, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (first, last) = (from, to);
        // Three independent aggregates, each summed in the database on its own connection at the same time: over a
        // million lines the line sums take most of the time, and the rest runs beside them.
        var sumsTask = InContextAsync(db => StatementLines.SumAsync(db, fund.Id, first, last, cancellationToken));
        var spendingTask = InContextAsync(db => db.SpendingRecords.Where(s => s.FundId == fund.Id && s.SpentOn >= first && s.SpentOn <= last)
            .GroupBy(s => new { s.Currency, s.Category })
            .Select(g => new { g.Key.Currency, g.Key.Category, Sum = g.Sum(s => s.AmountMinor) })
            .ToListAsync(cancellationToken));
        var giftsTask = InContextAsync(db => StatementGifts.ReadAsync(db, fund.Id, first, last, reporting.Code, cancellationToken));
        await Task.WhenAll(sumsTask, spendingTask, giftsTask);
        var (sums, spending, gifts) = (sumsTask.Result, spendingTask.Result, giftsTask.Result);

        var currencies = sums.Select(s => s.Currency).Concat(spending.Select(s => s.Currency)).Distinct().DefaultIfEmpty(fund.Currency).Order();
        return currencies.Select(code =>
        {
            var currency = Currency.Of(code);
            var lines = new StatementLines(sums.Where(s => s.Currency == code).ToList(), currency);
            var byCategory = SpendingCategories.All
                .Select(c => (c.Category, Amount: new Money(spending.Where(s => s.Currency == code && s.Category == c.Category).Sum(s => s.Sum), currency)))
                .ToList();
            var giftRow = gifts.FirstOrDefault(g => g.Currency == code);
            // Balances are credits on the fund's accounts: the fund's money is minus the sum of its lines.
            return new FundStatement(
                fund, from, to, currency,
                Opening: -lines.Before() - lines.InPeriod(AccountKind.OpeningBalance),
                Gifts: -lines.InPeriod(AccountKind.FundIncome, reversals: false),
                Returned: lines.InPeriod(AccountKind.FundIncome, reversals: true),
                Refunds: lines.InPeriod(AccountKind.FundRefunds),
                Disputes: lines.InPeriod(AccountKind.FundDisputes),
                Fees: lines.InPeriod(AccountKind.FundFees),
                Spent: lines.InPeriod(AccountKind.FundSpending),
                byCategory,
                Closing: -lines.Before() - lines.InPeriod(),
                Donors: giftRow?.Donors ?? 0,
                Reporting: StatementGifts.InReporting(giftRow, currency, reporting));
        }).ToList();
    }

    private async Task<T> InContextAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await query(db);
    }
}

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
public sealed class FundStatements(PortalDbContext db, IOptions<PortalOptions> options)
{
    private readonly Currency reporting = options.Value.FindReportingCurrency();

    public async Task<IReadOnlyList<FundStatement>> ForAsync(Fund fund, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (first, last) = (from, to);
        // One pass over the fund's lines, summed in the database: a million lines are never loaded.
        var sums = await (from line in db.JournalLines
                          join account in db.Accounts on line.AccountId equals account.Id
                          join entry in db.JournalEntries on line.JournalEntryId equals entry.Id
                          where account.FundId == fund.Id && entry.Date <= last
                          group line.AmountMinor by new { account.Kind, line.Currency, Before = entry.Date < first, Reversal = entry.ReversesEntryId != null } into g
                          select new LineSum(g.Key.Kind, g.Key.Currency, g.Key.Before, g.Key.Reversal, g.Sum()))
            .ToListAsync(cancellationToken);
        var spending = await db.SpendingRecords.Where(s => s.FundId == fund.Id && s.SpentOn >= from && s.SpentOn <= to)
            .GroupBy(s => new { s.Currency, s.Category })
            .Select(g => new { g.Key.Currency, g.Key.Category, Sum = g.Sum(s => s.AmountMinor) })
            .ToListAsync(cancellationToken);
        var gifts = await StatementGifts.ReadAsync(db, fund.Id, from, to, reporting.Code, cancellationToken);

        var currencies = sums.Select(s => s.Currency).Concat(spending.Select(s => s.Currency)).Distinct().DefaultIfEmpty(fund.Currency).Order();
        return currencies.Select(code =>
        {
            var currency = Currency.Of(code);
            Money Sum(Func<AccountKind, bool> kind, bool? before, bool? reversal = null) => new(
                sums.Where(s => s.Currency == code && kind(s.Kind) && (before is null || s.Before == before) && (reversal is null || s.Reversal == reversal)).Sum(s => s.Sum),
                currency);

            // Balances are credits on the fund's accounts: the fund's money is minus the sum of its lines.
            var opening = -Sum(_ => true, before: true) - Sum(k => k == AccountKind.OpeningBalance, before: false);
            var byCategory = SpendingCategories.All
                .Select(c => (c.Category, Amount: new Money(spending.Where(s => s.Currency == code && s.Category == c.Category).Sum(s => s.Sum), currency)))
                .ToList();
            var giftRow = gifts.FirstOrDefault(g => g.Currency == code);
            return new FundStatement(
                fund, from, to, currency, opening,
                Gifts: -Sum(k => k == AccountKind.FundIncome, before: false, reversal: false),
                Returned: Sum(k => k == AccountKind.FundIncome, before: false, reversal: true),
                Refunds: Sum(k => k == AccountKind.FundRefunds, before: false),
                Disputes: Sum(k => k == AccountKind.FundDisputes, before: false),
                Fees: Sum(k => k == AccountKind.FundFees, before: false),
                Spent: Sum(k => k == AccountKind.FundSpending, before: false),
                byCategory,
                Closing: -Sum(_ => true, before: null),
                Donors: giftRow?.Donors ?? 0,
                Reporting: StatementGifts.InReporting(giftRow, currency, reporting));
        }).ToList();
    }

    private sealed record LineSum(AccountKind Kind, string Currency, bool Before, bool Reversal, long Sum);
}

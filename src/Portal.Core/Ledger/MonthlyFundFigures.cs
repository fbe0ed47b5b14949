using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Shared;

namespace Portal.Core.Ledger;

/// <summary>Each fund's income (gifts less reversals), spending and fees per month and currency, from the journal.</summary>
public sealed class MonthlyFundFigures(PortalDbContext db)
{
    private static readonly AccountKind[] Kinds = [AccountKind.FundIncome, AccountKind.FundSpending, AccountKind.FundFees];

    /// <summary>The <paramref name="months"/> calendar months up to and including <paramref name="today"/>'s, oldest first; months without lines are left out.</summary>
    public async Task<IReadOnlyList<FundMonth>> LastMonthsAsync(DateOnly today, int months, CancellationToken cancellationToken)
    {
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - months);
        // Summed per day in the database (a few hundred rows a year per fund), folded into months here: grouping by a
        // date's month is written differently by every provider.
        var days = await (from line in db.JournalLines
                          join account in db.Accounts on line.AccountId equals account.Id
                          join entry in db.JournalEntries on line.JournalEntryId equals entry.Id
                          where account.FundId != null && Kinds.Contains(account.Kind) && entry.Date >= start && entry.Date <= today
                          group line.AmountMinor by new { FundId = account.FundId!.Value, account.Kind, line.Currency, entry.Date } into g
                          select new { g.Key.FundId, g.Key.Kind, g.Key.Currency, g.Key.Date, Sum = g.Sum() })
            .ToListAsync(cancellationToken);
        var funds = await db.Funds.AsNoTracking().ToDictionaryAsync(f => f.Id, cancellationToken);
        return days.GroupBy(d => (d.FundId, d.Currency, Month: new DateOnly(d.Date.Year, d.Date.Month, 1)))
            .Select(g =>
            {
                var currency = Currency.Of(g.Key.Currency);
                Money Sum(AccountKind kind) => new(g.Where(d => d.Kind == kind).Sum(d => d.Sum), currency);
                // Income is a credit (negative): the fund's income is minus the sum of its lines.
                return new FundMonth(funds[g.Key.FundId].Code, funds[g.Key.FundId].Name, g.Key.Month, -Sum(AccountKind.FundIncome), Sum(AccountKind.FundSpending), Sum(AccountKind.FundFees));
            })
            .OrderBy(m => m.FundName).ThenBy(m => m.Income.Currency.Code).ThenBy(m => m.Month)
            .ToList();
    }
}

public sealed record FundMonth(string FundCode, string FundName, DateOnly Month, Money Income, Money Spending, Money Fees);

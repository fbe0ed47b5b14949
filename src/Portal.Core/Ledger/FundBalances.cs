using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Shared;

namespace Portal.Core.Ledger;

/// <summary>Each fund's balance per currency, straight from the journal: opening balance, gifts (gross), fees, net.</summary>
public sealed class FundBalances(PortalDbContext db)
{
    public async Task<IReadOnlyList<FundBalance>> AllAsync(CancellationToken cancellationToken)
    {
        var sums = await db.JournalLines
            .Where(line => line.Account!.FundId != null)
            .GroupBy(line => new { FundId = line.Account!.FundId!.Value, line.Account.Kind, line.Currency })
            .Select(group => new { group.Key.FundId, group.Key.Kind, group.Key.Currency, Sum = group.Sum(line => line.AmountMinor) })
            .ToListAsync(cancellationToken);
        var funds = await db.Funds.AsNoTracking().OrderBy(f => f.Kind).ThenBy(f => f.Name).ToListAsync(cancellationToken);
        return funds
            .SelectMany(fund => sums.Where(s => s.FundId == fund.Id).Select(s => s.Currency).Distinct().DefaultIfEmpty(fund.Currency), (fund, code) =>
            {
                var currency = Currency.Of(code);
                long Sum(AccountKind kind) => sums.Where(s => s.FundId == fund.Id && s.Currency == code && s.Kind == kind).Sum(s => s.Sum);
                // Income and opening balances are credits (negative); fees are debits (positive).
                return new FundBalance(fund, new Money(-Sum(AccountKind.OpeningBalance), currency), new Money(-Sum(AccountKind.FundIncome), currency), new Money(Sum(AccountKind.FundFees), currency), new Money(Sum(AccountKind.FundSpending), currency));
            })
            .ToList();
    }
}

public sealed record FundBalance(Fund Fund, Money Opening, Money Gross, Money Fees, Money Spent)
{
    public Money Net => Gross - Fees;

    public Money Balance => Opening + Net - Spent;
}

using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Shared;
using Portal.Core.Spending;
using Portal.Core.Sponsorships;

namespace Portal.Core.Ledger;

/// <summary>
/// A fund's statement for a period, per currency, from the ledger: the balance it started with, gifts, gifts returned
/// (reversed entries), fees, spending by category, the balance it ended with, and how many donors gave. Every figure
/// is a sum of journal lines, so the statement always agrees with the journal.
/// </summary>
public sealed class FundStatements(PortalDbContext db)
{
    private static readonly AccountKind[] FundKinds = [AccountKind.OpeningBalance, AccountKind.FundIncome, AccountKind.FundFees, AccountKind.FundSpending];

    public async Task<IReadOnlyList<FundStatement>> ForAsync(Fund fund, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var lines = from line in db.JournalLines
                    join entry in db.JournalEntries on line.JournalEntryId equals entry.Id
                    where line.Account!.FundId == fund.Id && FundKinds.Contains(line.Account.Kind) && entry.Date <= to
                    select new { line.Account!.Kind, line.Currency, line.AmountMinor, entry.Date, Reversal = entry.ReversesEntryId != null };
        var sums = await lines
            .GroupBy(l => new { l.Kind, l.Currency, Before = l.Date < from, l.Reversal })
            .Select(g => new { g.Key.Kind, g.Key.Currency, g.Key.Before, g.Key.Reversal, Sum = g.Sum(l => l.AmountMinor) })
            .ToListAsync(cancellationToken);
        var spending = await db.SpendingRecords.Where(s => s.FundId == fund.Id && s.SpentOn >= from && s.SpentOn <= to)
            .GroupBy(s => new { s.Currency, s.Category })
            .Select(g => new { g.Key.Currency, g.Key.Category, Sum = g.Sum(s => s.AmountMinor) })
            .ToListAsync(cancellationToken);
        var fromUtc = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var toUtc = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var donors = await (from charge in db.Charges
                            join sponsorship in db.Sponsorships on charge.SponsorshipId equals sponsorship.Id
                            where (charge.FundId ?? sponsorship.FundId) == fund.Id && charge.Status == ChargeStatus.Succeeded
                                && charge.SucceededAt >= fromUtc && charge.SucceededAt < toUtc
                            group sponsorship by charge.Currency into g
                            select new { Currency = g.Key, Donors = g.Select(s => s.DonorId).Distinct().Count() })
            .ToListAsync(cancellationToken);

        var currencies = sums.Select(s => s.Currency).Concat(spending.Select(s => s.Currency)).Distinct().DefaultIfEmpty(fund.Currency).Order();
        return currencies.Select(code =>
        {
            var currency = Currency.Of(code);
            Money Sum(Func<AccountKind, bool> kind, bool? before, bool? reversal = null) => new(
                sums.Where(s => s.Currency == code && kind(s.Kind) && (before is null || s.Before == before) && (reversal is null || s.Reversal == reversal)).Sum(s => s.Sum),
                currency);

            // Balances are credits on the fund's accounts: the fund's money is minus the sum of its lines.
            var opening = -Sum(_ => true, before: true);
            var gifts = -Sum(k => k == AccountKind.FundIncome, before: false, reversal: false);
            var returned = Sum(k => k == AccountKind.FundIncome, before: false, reversal: true);
            var fees = Sum(k => k == AccountKind.FundFees, before: false);
            var spent = Sum(k => k == AccountKind.FundSpending, before: false);
            var newOpening = -Sum(k => k == AccountKind.OpeningBalance, before: false);
            var byCategory = SpendingCategories.All
                .Select(c => (c.Category, Amount: new Money(spending.Where(s => s.Currency == code && s.Category == c.Category).Sum(s => s.Sum), currency)))
                .ToList();
            var closing = -Sum(_ => true, before: null);
            return new FundStatement(fund, from, to, currency, opening + newOpening, gifts, returned, fees, spent, byCategory, closing,
                donors.Where(d => d.Currency == code).Sum(d => d.Donors));
        }).ToList();
    }
}

/// <param name="Opening">The fund's balance at the start of the period (and any opening balance booked within it).</param>
/// <param name="Returned">Gifts taken back in the period (returned debits; refunds and disputes once they are booked).</param>
public sealed record FundStatement(
    Fund Fund, DateOnly From, DateOnly To, Currency Currency, Money Opening, Money Gifts, Money Returned, Money Fees, Money Spent,
    IReadOnlyList<(SpendingCategory Category, Money Amount)> SpendingByCategory, Money Closing, int Donors)
{
    public Money Net => Gifts - Returned - Fees;
}

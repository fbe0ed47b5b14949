using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Shared;
using Portal.Core.Spending;

namespace Portal.Core.Ledger;

/// <summary>
/// A fund's statement for a period, per currency: its <see cref="FundFigures"/> (the ledger's totals), spending by
/// category (the spending records), how many donors gave, and the gifts in the reporting currency (the gift totals).
/// </summary>
public sealed class FundStatements(PortalDbContext db, FundFiguresReader figures, IOptions<PortalOptions> options)
{
    private readonly Currency reporting = options.Value.FindReportingCurrency();

    public async Task<IReadOnlyList<FundStatement>> ForAsync(Fund fund, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var money = await figures.ForPeriodAsync([fund.Id], from, to, cancellationToken);
        var spending = await db.SpendingRecords.AsNoTracking()
            .Where(s => s.FundId == fund.Id && s.SpentOn >= from && s.SpentOn <= to)
            .GroupBy(s => new { s.Currency, s.Category })
            .Select(g => new { g.Key.Currency, g.Key.Category, Sum = g.Sum(s => s.AmountMinor) })
            .ToListAsync(cancellationToken);
        var gifts = await StatementGifts.ReadAsync(db, fund.Id, from, to, reporting.Code, cancellationToken);

        var currencies = money.Select(m => m.Currency.Code).Concat(spending.Select(s => s.Currency)).Concat(gifts.Select(g => g.Currency))
            .Distinct().DefaultIfEmpty(fund.Currency).Order(StringComparer.Ordinal);
        return currencies.Select(code =>
        {
            var currency = Currency.Of(code);
            var byCategory = SpendingCategories.All
                .Select(c => (c
                    .Category, Amount: new Money(spending.Where(s => s.Currency == code && s.Category == c.Category).Sum(s => s.Sum), currency)))
                .ToList();
            var giftRow = gifts.FirstOrDefault(g => g.Currency == code);
            return new FundStatement(
                fund, from, to, money.FirstOrDefault(m => m.Currency == currency) ?? FundFigures.Zero(fund.Id, currency), byCategory,
                Donors: giftRow?.Donors ?? 0, Reporting: StatementGifts.InReporting(giftRow, currency, reporting));
        }).ToList();
    }
}

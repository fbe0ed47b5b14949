using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Shared;

namespace Portal.Core.Ledger;

/// <summary>
/// A fund's gifts in a period, per gift currency: how many, what the gateway settled in the reporting currency, and how
/// many donors gave. Gifts count by the accounting date of their entry (<see cref="Sponsorships.Charge.GiftDate"/>), as
/// every other figure of the statement; read from the gift totals, so the cost depends on the days, not the gifts.
/// </summary>
internal static class StatementGifts
{
    public sealed record Row(
        string Currency,
        int Gifts,
        long GrossMinor,
        long SettledMinor,
        long SettledGrossMinor,
        int Settled,
        int Unsettled,
        int OtherCurrency,
        int Donors);

    public static async Task<List<Row>> ReadAsync(
        PortalDbContext db,
        Guid fundId,
        DateOnly first,
        DateOnly last,
        string reporting,
        CancellationToken cancellationToken)
    {
        var buckets = await db.GiftDayTotals.AsNoTracking()
            .Where(g => g.FundId == fundId && g.Date >= first && g.Date <= last)
            .GroupBy(g => new { g.Currency, g.SettledCurrency })
            .Select(g => new
            {
                g.Key.Currency,
                g.Key.SettledCurrency,
                Gifts = g.Sum(x => x.Gifts),
                Gross = g.Sum(x => x.GrossMinor),
                Settled = g.Sum(x => x.SettledMinor),
            })
            .ToListAsync(cancellationToken);
        // A donor counts once, at their first gift of the period: the gifts in it whose donor's previous gift came before it.
        var donors = await db.GiftDonorDays.AsNoTracking()
            .Where(d => d.FundId == fundId && d.Date >= first && d.Date <= last && d.PreviousDate < first)
            .GroupBy(d => d.Currency)
            .Select(g => new { Currency = g.Key, Donors = g.Sum(x => x.Gifts) })
            .ToDictionaryAsync(d => d.Currency, d => d.Donors, cancellationToken);
        return buckets.GroupBy(b => b.Currency).Select(g =>
        {
            var inReporting = g.Where(b => b.SettledCurrency == reporting).ToList();
            return new Row(
                g.Key, (int)g.Sum(b => b.Gifts), g.Sum(b => b.Gross), inReporting.Sum(b => b.Settled), inReporting.Sum(b => b.Gross), (int)inReporting
                    .Sum(b => b.Gifts),
                (int)g.Where(b => b.SettledCurrency.Length == 0).Sum(b => b.Gifts), (int)g.Where(
                    b => b.SettledCurrency.Length > 0 && b.SettledCurrency != reporting).Sum(b => b.Gifts),
                (int)donors.GetValueOrDefault(g.Key));
        }).ToList();
    }

    public static GiftsInReportingCurrency InReporting(Row? row, Currency giftCurrency, Currency reporting)
    {
        if (row is null)
        {
            return new GiftsInReportingCurrency(Money.Zero(reporting), 0, null, 0, 0);
        }

        if (giftCurrency == reporting)
        {
            return new GiftsInReportingCurrency(new Money(row.GrossMinor, reporting), row.Gifts, 1m, 0, 0);
        }

        // A ratio to show beside the figures, never used to compute an amount.
        decimal? rate = row.SettledGrossMinor == 0 ? null
            : decimal.Round((decimal)row.SettledMinor / row.SettledGrossMinor * giftCurrency.MinorPerMajor / reporting.MinorPerMajor, 6);
        return new GiftsInReportingCurrency(new Money(row.SettledMinor, reporting), row.Settled, rate, row.Unsettled, row.OtherCurrency);
    }

    /// <summary>The charges whose gift is dated in the period (<see cref="ChargePostings.IsGift"/>), the same gifts the totals count.</summary>
    public static IQueryable<Sponsorships.Charge> Charges(PortalDbContext db, Guid fundId, DateOnly first, DateOnly last) =>
        db.Charges.Where(c => c.FundId == fundId && c.GiftDate >= first && c.GiftDate <= last);
}

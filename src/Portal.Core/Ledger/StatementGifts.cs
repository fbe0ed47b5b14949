using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Shared;

namespace Portal.Core.Ledger;

/// <summary>
/// The charges behind a fund's gifts in a period, per gift currency: how many, what the gateway settled in the reporting
/// currency, and how many donors gave. Gifts are found through their ledger entries, so the period is the ledger's
/// accounting date, as for every other figure of the statement.
/// </summary>
internal static class StatementGifts
{
    public sealed record Row(string Currency, int Gifts, long GrossMinor, long SettledMinor, long SettledGrossMinor, int Settled, int Unsettled, int OtherCurrency, int Donors);

    /// <summary>
    /// One pass over the period's charges, summed per currency and sponsorship in the database; each sponsorship's donor
    /// is then looked up once (not once per monthly gift), and the few rows are added up per currency here.
    /// </summary>
    public static async Task<List<Row>> ReadAsync(PortalDbContext db, Guid fundId, DateOnly first, DateOnly last, string reporting, CancellationToken cancellationToken)
    {
        var perSponsorship = Charges(db, fundId, first, last)
            .GroupBy(charge => new { charge.Currency, charge.SponsorshipId })
            .Select(g => new
            {
                g.Key.Currency,
                g.Key.SponsorshipId,
                Gifts = g.Count(),
                Gross = g.Sum(x => x.AmountMinor),
                Settled = g.Sum(x => x.SettledCurrency == reporting && x.SettledAmountMinor != null ? x.SettledAmountMinor.Value : 0),
                SettledGross = g.Sum(x => x.SettledCurrency == reporting && x.SettledAmountMinor != null ? x.AmountMinor : 0),
                SettledCount = g.Count(x => x.SettledCurrency == reporting && x.SettledAmountMinor != null),
                Unsettled = g.Count(x => x.SettledAmountMinor == null || x.ExchangeRate == null),
                Other = g.Count(x => x.SettledCurrency != reporting && x.SettledAmountMinor != null && x.ExchangeRate != null),
            });
        var rows = await (from p in perSponsorship
                          join sponsorship in db.Sponsorships on p.SponsorshipId equals sponsorship.Id
                          select new { p.Currency, sponsorship.DonorId, p.Gifts, p.Gross, p.Settled, p.SettledGross, p.SettledCount, p.Unsettled, p.Other })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Currency).Select(g => new Row(
            g.Key, g.Sum(r => r.Gifts), g.Sum(r => r.Gross), g.Sum(r => r.Settled), g.Sum(r => r.SettledGross), g.Sum(r => r.SettledCount),
            g.Sum(r => r.Unsettled), g.Sum(r => r.Other), g.Select(r => r.DonorId).Distinct().Count())).ToList();
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

    /// <summary>The charges whose gift entry (not a reversal, not a refund) is dated in the period.</summary>
    public static IQueryable<Sponsorships.Charge> Charges(PortalDbContext db, Guid fundId, DateOnly first, DateOnly last) =>
        from entry in db.JournalEntries
        where entry.FundId == fundId && entry.ChargeId != null && entry.ReversesEntryId == null && entry.Date >= first && entry.Date <= last
            && entry.IdempotencyKey.StartsWith("charge:") && entry.IdempotencyKey.EndsWith(":succeeded")
        join charge in db.Charges on entry.ChargeId equals charge.Id
        select charge;
}

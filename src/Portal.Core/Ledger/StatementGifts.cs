using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Shared;

namespace Portal.Core.Ledger;

/// <summary>
/// The charges behind a fund's gifts in a period, per gift currency: how many donors gave, and what the gateway settled
/// in the reporting currency. Gifts are found through their ledger entries, so the period is the ledger's accounting date.
/// </summary>
internal static class StatementGifts
{
    public sealed record Row(string Currency, int Gifts, long GrossMinor, long SettledMinor, long SettledGrossMinor, int Settled, int Unsettled, int OtherCurrency, int Donors);

    public static Task<List<Row>> ReadAsync(PortalDbContext db, Guid fundId, DateOnly first, DateOnly last, string reporting, CancellationToken cancellationToken) =>
        (from entry in db.JournalEntries
         where entry.FundId == fundId && entry.ChargeId != null && entry.ReversesEntryId == null && entry.Date >= first && entry.Date <= last
             && entry.IdempotencyKey.StartsWith("charge:") && entry.IdempotencyKey.EndsWith(":succeeded")
         join charge in db.Charges on entry.ChargeId equals charge.Id
         join sponsorship in db.Sponsorships on charge.SponsorshipId equals sponsorship.Id
         select new { charge.Currency, charge.AmountMinor, charge.SettledAmountMinor, charge.SettledCurrency, charge.ExchangeRate, sponsorship.DonorId } into gift
         group gift by gift.Currency into g
         select new Row(
             g.Key,
             g.Count(),
             g.Sum(x => x.AmountMinor),
             g.Sum(x => x.SettledCurrency == reporting && x.SettledAmountMinor != null ? x.SettledAmountMinor.Value : 0),
             g.Sum(x => x.SettledCurrency == reporting && x.SettledAmountMinor != null ? x.AmountMinor : 0),
             g.Count(x => x.SettledCurrency == reporting && x.SettledAmountMinor != null),
             g.Count(x => x.SettledAmountMinor == null || x.ExchangeRate == null),
             g.Count(x => x.SettledCurrency != reporting && x.SettledAmountMinor != null && x.ExchangeRate != null),
             g.Select(x => x.DonorId).Distinct().Count()))
        .ToListAsync(cancellationToken);

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
}

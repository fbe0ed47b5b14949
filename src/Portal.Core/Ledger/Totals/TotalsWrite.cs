using Portal.Core.Data;

namespace Portal.Core.Ledger.Totals;

/// <summary>
/// Adds a snapshot's rows to the totals tables: a transaction's changes as it commits, or every total into empty
/// tables in a rebuild. Each table's rows go in key order, so two committing transactions lock shared rows in one order.
/// </summary>
internal static class TotalsWrite
{
    public static async Task AllAsync(PortalDbContext db, TotalsSnapshot snapshot, CancellationToken cancellationToken)
    {
        var totals = snapshot.Totals;
        var sql = new TotalsSql(db);
        await sql.AddAsync<AccountTotal>(
            [nameof(AccountTotal.AccountId)], [nameof(AccountTotal.AmountMinor), nameof(AccountTotal.ReversedMinor), nameof(AccountTotal.LineCount)],
            totals.Accounts.OrderBy(a => a.Key)
                .Select(a => new object[] { a.Key, a.Value.Amount, a.Value.Reversed, a.Value.Lines }), cancellationToken);
        await sql.AddAsync<AccountDayTotal>(
            [nameof(AccountDayTotal.AccountId), nameof(AccountDayTotal.Date)], [nameof(AccountDayTotal.PostedMinor), nameof(AccountDayTotal
                .ReversedMinor), nameof(AccountDayTotal.LineCount)],
            totals.Days.OrderBy(d => d.Key.AccountId).ThenBy(d => d.Key.Date)
                .Select(d => new object[] { d.Key.AccountId, d.Key.Date, d.Value.Posted, d.Value.Reversed, d.Value.Lines }), cancellationToken);
        await sql.AddAsync<GiftDayTotal>(
            [nameof(GiftDayTotal.FundId), nameof(GiftDayTotal.Currency), nameof(GiftDayTotal.Date), nameof(GiftDayTotal.SettledCurrency)],
            [nameof(GiftDayTotal.Gifts), nameof(GiftDayTotal.GrossMinor), nameof(GiftDayTotal.SettledMinor)],
            totals.GiftDays.Where(g => g.Value != default).OrderBy(g => g.Key.FundId).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
                .ThenBy(g => g.Key.Date)
                .ThenBy(g => g.Key.SettledCurrency, StringComparer.Ordinal)
                .Select(g => new object[] {
                    g.Key.FundId,
                    g.Key.Currency,
                    g.Key.Date,
                    g.Key.SettledCurrency,
                    g.Value.Gifts,
                    g.Value.Gross,
                    g.Value.Settled }), cancellationToken);
        await sql.AddAsync<GiftDonorDay>(
            [nameof(GiftDonorDay.FundId), nameof(GiftDonorDay.Currency), nameof(GiftDonorDay.Date), nameof(GiftDonorDay
                .PreviousDate)], [nameof(GiftDonorDay.Gifts)],
            snapshot.Chains.OrderBy(c => c.Key.FundId).ThenBy(c => c.Key.Currency, StringComparer.Ordinal).ThenBy(c => c.Key.Date)
                .ThenBy(c => c.Key.PreviousDate)
                .Select(c => new object[] { c.Key.FundId, c.Key.Currency, c.Key.Date, c.Key.PreviousDate, c.Value }), cancellationToken);
        await sql.AddAsync<FundSponsorCount>(
            [nameof(FundSponsorCount.FundId)], [nameof(FundSponsorCount.Sponsors)],
            snapshot.Sponsors.OrderBy(s => s.Key).Select(s => new object[] { s.Key, s.Value }), cancellationToken);
        await sql.AddAsync<SponsorshipMonthTotal>(
            [
                nameof(SponsorshipMonthTotal.FundId), nameof(SponsorshipMonthTotal.Currency), nameof(SponsorshipMonthTotal.Month),
                nameof(SponsorshipMonthTotal.Kind), nameof(SponsorshipMonthTotal.Reason),
            ],
            [nameof(SponsorshipMonthTotal.Events), nameof(SponsorshipMonthTotal.Running), nameof(SponsorshipMonthTotal.MonthlyMinor)],
            snapshot.SponsorshipMonths.Where(m => m.Value != default).OrderBy(m => m.Key.FundId).ThenBy(m => m.Key.Currency, StringComparer.Ordinal)
                .ThenBy(m => m.Key.Month).ThenBy(m => m.Key.Kind).ThenBy(m => m.Key.Reason, StringComparer.Ordinal)
                .Select(m => new object[]
                {
                    m.Key.FundId, m.Key.Currency, m.Key.Month, (int)m.Key.Kind, m.Key.Reason, m.Value.Events, m.Value.Running, m.Value.Monthly,
                }), cancellationToken);
        await sql.AddAsync<GiftMonthTotal>(
            [nameof(GiftMonthTotal.FundId), nameof(GiftMonthTotal.Currency), nameof(GiftMonthTotal.Month)],
            [
                nameof(GiftMonthTotal.Gifts), nameof(GiftMonthTotal.GrossMinor), nameof(GiftMonthTotal.Donors), nameof(GiftMonthTotal.FirstTime),
                nameof(GiftMonthTotal.YearDonors), nameof(GiftMonthTotal.Retained),
            ],
            snapshot.GiftMonths.Where(m => m.Value != default).OrderBy(m => m.Key.FundId).ThenBy(m => m.Key.Currency, StringComparer.Ordinal)
                .ThenBy(m => m.Key.Month)
                .Select(m => new object[]
                {
                    m.Key.FundId, m.Key.Currency, m.Key.Month, m.Value.Gifts, m.Value.Gross, m.Value.Donors, m.Value.FirstTime,
                    m.Value.YearDonors, m.Value.Retained,
                }), cancellationToken);
    }
}

namespace Portal.Core.Ledger.Totals;

/// <summary>
/// The monthly fundraising rows, derived from what the other totals already count, so that a commit, a rebuild and the
/// nightly check derive them the same way: sponsorships' events summed per month, and gifts and donors per month from
/// the gift days and the donors' chains of gift dates.
/// </summary>
internal static class FundraisingRows
{
    public static DateOnly MonthOf(DateOnly date) => new(date.Year, date.Month, 1);

    public static void AddEvent(Dictionary<SponsorshipMonthKey, (long Events, long Running, long Monthly)> months, SponsorshipEvent e)
    {
        var key = new SponsorshipMonthKey(e.FundId, e.Currency, MonthOf(e.Date), e.Kind, e.Reason);
        var (events, running, monthly) = months.GetValueOrDefault(key);
        months[key] = (events + 1, running + e.Running, checked(monthly + e.MonthlyMinor));
    }

    public static Dictionary<GiftMonthKey, GiftMonthSums> GiftMonths(
        Dictionary<GiftBucket, (long Gifts, long Gross, long Settled)> giftDays,
        Dictionary<ChainPair, long> chains)
    {
        var months = new Dictionary<GiftMonthKey, GiftMonthSums>();
        foreach (var (bucket, (gifts, gross, _)) in giftDays)
        {
            var key = new GiftMonthKey(bucket.FundId, bucket.Currency, MonthOf(bucket.Date));
            months[key] = months.GetValueOrDefault(key) + new GiftMonthSums(gifts, gross, 0, 0, 0, 0);
        }

        foreach (var (pair, count) in chains)
        {
            var month = MonthOf(pair.Date);
            var key = new GiftMonthKey(pair.FundId, pair.Currency, month);
            var first = pair.PreviousDate == DateOnly.MinValue;
            months[key] = months.GetValueOrDefault(key) + new GiftMonthSums(
                0,
                0,
                pair.PreviousDate < month ? count : 0,
                first ? count : 0,
                pair.PreviousDate.Year < pair.Date.Year ? count : 0,
                !first && pair.PreviousDate.Year == pair.Date.Year - 1 ? count : 0);
        }

        return months;
    }
}

internal readonly record struct SponsorshipMonthKey(Guid FundId, string Currency, DateOnly Month, SponsorshipEventKind Kind, string Reason);

internal readonly record struct GiftMonthKey(Guid FundId, string Currency, DateOnly Month);

internal readonly record struct GiftMonthSums(long Gifts, long Gross, long Donors, long FirstTime, long YearDonors, long Retained)
{
    public static GiftMonthSums operator +(GiftMonthSums a, GiftMonthSums b) => new(
        a.Gifts + b.Gifts,
        checked(a.Gross + b.Gross),
        a.Donors + b.Donors,
        a.FirstTime + b.FirstTime,
        a.YearDonors + b.YearDonors,
        a.Retained + b.Retained);
}

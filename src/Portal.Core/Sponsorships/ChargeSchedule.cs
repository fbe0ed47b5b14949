namespace Portal.Core.Sponsorships;

/// <summary>
/// The period calendar. A period starts on its charge day in the charity's calendar; a charge day of 29-31 falls on
/// the last day of a shorter month, and the next period goes back to the chosen day (31 Jan, 28 Feb, 31 Mar). Dates
/// only, never instants: daylight-saving changes cannot move a period (see docs/decisions/008).
/// </summary>
public static class ChargeSchedule
{
    /// <summary>The charge day in a given month, clamped to the month's last day.</summary>
    public static DateOnly Occurrence(int year, int month, int chargeDay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chargeDay, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chargeDay, 31);
        return new DateOnly(year, month, Math.Min(chargeDay, DateTime.DaysInMonth(year, month)));
    }

    /// <summary>The period after the one starting on <paramref name="periodStart"/>.</summary>
    public static DateOnly Next(DateOnly periodStart, SponsorshipInterval interval, int chargeDay)
    {
        if (interval == SponsorshipInterval.Once)
        {
            throw new ArgumentException("A one-time gift has no next period.", nameof(interval));
        }

        var month = new DateOnly(periodStart.Year, periodStart.Month, 1).AddMonths((int)interval);
        return Occurrence(month.Year, month.Month, chargeDay);
    }

    /// <summary>The first period on or after <paramref name="date"/>, counting on from <paramref name="from"/>.</summary>
    public static DateOnly FirstOnOrAfter(DateOnly from, DateOnly date, SponsorshipInterval interval, int chargeDay)
    {
        var period = from;
        while (period < date)
        {
            period = Next(period, interval, chargeDay);
        }

        return period;
    }

    /// <summary>
    /// The next period when the donor picks a new charge day: the same month as the period it replaces, on the new
    /// day. One period per month (or quarter, or year) either way: never two charges for one month, never a month lost.
    /// </summary>
    public static DateOnly WithChargeDay(DateOnly nextPeriodStart, int chargeDay) =>
        Occurrence(nextPeriodStart.Year, nextPeriodStart.Month, chargeDay);

    /// <summary>Every period from <paramref name="first"/> up to and including <paramref name="until"/>.</summary>
    public static IEnumerable<DateOnly> Periods(DateOnly first, DateOnly until, SponsorshipInterval interval, int chargeDay)
    {
        for (var period = first; period <= until; period = Next(period, interval, chargeDay))
        {
            yield return period;
        }
    }
}

namespace Portal.Core.Sponsorships;

/// <summary>
/// Where a donor's pause, resume or skip moves the next period to charge. Pure functions over the period calendar
/// (<see cref="ChargeSchedule"/>), so the rules can be tried over years of simulated charge runs without a database.
/// </summary>
public static class PeriodMoves
{
    /// <summary>No period starting before the pause ends is charged; the first one after it is.</summary>
    public static (DateOnly PausedUntil, DateOnly NextPeriodStart) Pause(
        DateOnly nextPeriodStart,
        DateOnly today,
        int months,
        SponsorshipInterval interval,
        int chargeDay)
    {
        var pausedUntil = today.AddMonths(months);
        return (pausedUntil, ChargeSchedule.FirstOnOrAfter(nextPeriodStart, pausedUntil, interval, chargeDay));
    }

    /// <summary>
    /// Resuming early brings the next period back to the first one on or after today, counted on from the first period
    /// not claimed yet: the periods the pause left out are not charged after the fact, and a period already claimed
    /// is never claimed again. A period already due (the pause is over and the run has not come yet) stays due.
    /// </summary>
    public static DateOnly Resume(DateOnly nextPeriodStart, DateOnly? firstUnclaimed, DateOnly today, SponsorshipInterval interval, int chargeDay)
    {
        if (firstUnclaimed is not { } unclaimed)
        {
            return nextPeriodStart;
        }

        var first = ChargeSchedule.FirstOnOrAfter(unclaimed, today, interval, chargeDay);
        return first < nextPeriodStart ? first : nextPeriodStart;
    }

    /// <summary>The period after the next one.</summary>
    public static DateOnly Skip(DateOnly nextPeriodStart, SponsorshipInterval interval, int chargeDay) =>
        ChargeSchedule.Next(nextPeriodStart, interval, chargeDay);

    /// <summary>How many periods from the first unclaimed one would go unpaid before <paramref name="nextPeriodStart"/>.</summary>
    public static int Unpaid(DateOnly? firstUnclaimed, DateOnly nextPeriodStart, SponsorshipInterval interval, int chargeDay) =>
        firstUnclaimed is { } unclaimed
            ? ChargeSchedule.Periods(unclaimed, nextPeriodStart.AddDays(-1), interval, chargeDay).Count()
            : 0;

    /// <summary>A new charge day keeps the period's month; a paused sponsorship still charges nothing before the pause ends.</summary>
    public static DateOnly ChangeDay(DateOnly nextPeriodStart, DateOnly? pausedUntil, SponsorshipInterval interval, int chargeDay)
    {
        var moved = ChargeSchedule.WithChargeDay(nextPeriodStart, chargeDay);
        return pausedUntil is { } until ? ChargeSchedule.FirstOnOrAfter(moved, until, interval, chargeDay) : moved;
    }
}

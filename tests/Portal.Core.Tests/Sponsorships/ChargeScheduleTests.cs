using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships;

namespace Portal.Core.Tests.Sponsorships;

public class ChargeScheduleTests
{
    [Theory]
    [InlineData("2026-01-31", 31, "2026-02-28")]
    [InlineData("2026-02-28", 31, "2026-03-31")]
    [InlineData("2027-12-31", 31, "2028-01-31")]
    [InlineData("2028-01-30", 30, "2028-02-29")]
    [InlineData("2028-02-29", 29, "2028-03-29")]
    [InlineData("2026-03-15", 15, "2026-04-15")]
    public void A_monthly_period_keeps_its_day_and_falls_on_the_last_day_of_shorter_months(string from, int day, string expected) =>
        Assert.Equal(
            DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            ChargeSchedule.Next(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), SponsorshipInterval.Monthly, day));

    [Fact]
    public void Quarterly_and_yearly_periods_step_three_and_twelve_months()
    {
        Assert.Equal(new DateOnly(2026, 2, 28), ChargeSchedule.Next(new DateOnly(2025, 11, 30), SponsorshipInterval.Quarterly, 30));
        Assert.Equal(new DateOnly(2029, 2, 28), ChargeSchedule.Next(new DateOnly(2028, 2, 29), SponsorshipInterval.Yearly, 29));
        Assert.Equal(new DateOnly(2032, 2, 29), ChargeSchedule.Next(new DateOnly(2031, 2, 28), SponsorshipInterval.Yearly, 29));
        Assert.Throws<ArgumentException>(() => ChargeSchedule.Next(new DateOnly(2026, 1, 1), SponsorshipInterval.Once, 1));
    }

    [Fact]
    public void Twelve_monthly_periods_from_the_31st_are_one_per_month_with_no_drift()
    {
        var periods = ChargeSchedule.Periods(new DateOnly(2027, 1, 31), new DateOnly(2027, 12, 31), SponsorshipInterval.Monthly, 31).ToList();

        Assert.Equal(12, periods.Count);
        Assert.Equal(Enumerable.Range(1, 12), periods.Select(p => p.Month));
        Assert.All(periods, p => Assert.Equal(DateTime.DaysInMonth(p.Year, p.Month), p.Day));
    }

    [Fact]
    public void A_new_charge_day_moves_the_next_period_within_its_own_month()
    {
        // Charged on 5 November; next 5 December. Moving to the 20th gives 20 December: one charge per month.
        Assert.Equal(new DateOnly(2026, 12, 20), ChargeSchedule.WithChargeDay(new DateOnly(2026, 12, 5), 20));
        Assert.Equal(new DateOnly(2026, 12, 1), ChargeSchedule.WithChargeDay(new DateOnly(2026, 12, 5), 1));
        Assert.Equal(new DateOnly(2027, 2, 28), ChargeSchedule.WithChargeDay(new DateOnly(2027, 2, 10), 31));
    }

    [Fact]
    public void The_first_period_after_a_pause_is_counted_on_from_the_schedule()
    {
        var next = ChargeSchedule.FirstOnOrAfter(new DateOnly(2026, 4, 10), new DateOnly(2026, 7, 1), SponsorshipInterval.Monthly, 10);
        Assert.Equal(new DateOnly(2026, 7, 10), next);
        Assert.Equal(
            new DateOnly(2026, 4, 10),
            ChargeSchedule.FirstOnOrAfter(new DateOnly(2026, 4, 10), new DateOnly(2026, 4, 10), SponsorshipInterval.Monthly, 10));
    }

    [Theory]
    // Vienna: summer time starts 2026-03-29 02:00 local (01:00 UTC) and ends 2026-10-25 03:00 local (01:00 UTC).
    [InlineData("2026-03-28T22:59:00Z", "2026-03-28")]
    [InlineData("2026-03-28T23:00:00Z", "2026-03-29")]
    [InlineData("2026-03-29T22:00:00Z", "2026-03-30")]
    [InlineData("2026-10-24T21:59:00Z", "2026-10-24")]
    [InlineData("2026-10-24T22:00:00Z", "2026-10-25")]
    [InlineData("2026-10-25T22:59:00Z", "2026-10-25")]
    [InlineData("2026-10-25T23:00:00Z", "2026-10-26")]
    public void A_period_is_due_from_midnight_in_the_charitys_time_zone_across_daylight_saving_changes(string utc, string today)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        var calendar = new CharityCalendar(clock, Options.Create(new PortalOptions { TimeZone = "Europe/Vienna" }));

        Assert.Equal(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), calendar.Today);
    }
}

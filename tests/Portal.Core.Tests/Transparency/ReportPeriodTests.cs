using Portal.Core.Transparency;

namespace Portal.Core.Tests.Transparency;

/// <summary>Periods by their address keys, and which one has just ended.</summary>
public class ReportPeriodTests
{
    [Theory]
    [InlineData("2026-01-05", "2025-q4", "2025-10-01", "2026-01-01")]
    [InlineData("2026-04-01", "2026-q1", "2026-01-01", "2026-04-01")]
    [InlineData("2026-12-31", "2026-q3", "2026-07-01", "2026-10-01")]
    public void The_quarter_before_a_day_is_the_last_one_that_ended(string today, string key, string start, string end)
    {
        var period = ReportPeriod.QuarterBefore(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((key, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(
            end,
            System.Globalization.CultureInfo.InvariantCulture)), (period.Key, period.Start, period.End));
    }

    [Fact]
    public void Keys_read_back_and_anything_else_is_refused()
    {
        Assert.True(ReportPeriod.TryParse("2026-Q3", out var quarter));
        Assert.Equal(ReportPeriod.Quarter(2026, 3), quarter);
        Assert.True(ReportPeriod.TryParse("2025", out var year));
        Assert.Equal((ReportPeriodKind.Year, "2025", new DateOnly(2026, 1, 1)), (year.Kind, year.Key, year.End));
        Assert.Equal("2025", ReportPeriod.YearBefore(new DateOnly(2026, 1, 10)).Key);
        Assert.All(new[] { "2026-q5", "2026-q0", "26", "2026-3", "1999", "", null }, key => Assert.False(ReportPeriod.TryParse(key, out _)));
    }
}

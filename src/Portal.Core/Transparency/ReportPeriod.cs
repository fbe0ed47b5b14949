using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Core.Transparency;

/// <summary>
/// A quarter or a year of the charity's calendar, as a report covers it: first day, the day after the last, and its key
/// in the report's address ("2026-q3", "2026"). Calendar quarters and years: the charity's fiscal year is a tax matter.
/// </summary>
public sealed partial record ReportPeriod(ReportPeriodKind Kind, DateOnly Start, DateOnly End, string Key)
{
    public static ReportPeriod Quarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        var start = new DateOnly(year, (quarter - 1) * 3 + 1, 1);
        return new ReportPeriod(
            ReportPeriodKind.Quarter,
            start,
            start.AddMonths(3),
            string.Create(CultureInfo.InvariantCulture, $"{year}-q{quarter}"));
    }

    public static ReportPeriod Year(int year) =>
        new(ReportPeriodKind.Year, new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1), year.ToString(CultureInfo.InvariantCulture));

    /// <summary>The last quarter that ended on or before <paramref name="today"/>.</summary>
    public static ReportPeriod QuarterBefore(DateOnly today)
    {
        var current = (today.Month - 1) / 3 + 1;
        return current == 1 ? Quarter(today.Year - 1, 4) : Quarter(today.Year, current - 1);
    }

    /// <summary>The last calendar year that ended on or before <paramref name="today"/>.</summary>
    public static ReportPeriod YearBefore(DateOnly today) => Year(today.Year - 1);

    /// <summary>Reads a key as it appears in an address; false for anything else (a year out of range, "2026-q5").</summary>
    public static bool TryParse(string? key, out ReportPeriod period)
    {
        period = null!;
        var match = KeyPattern().Match(key?.Trim().ToLowerInvariant() ?? "");
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2999)
        {
            return false;
        }

        period = match.Groups["quarter"].Success ? Quarter(year, int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture)) : Year(year);
        return true;
    }

    /// <summary>"Q3 2026" or "2026", for headings.</summary>
    public string Title => Kind == ReportPeriodKind.Quarter
        ? string.Create(CultureInfo.InvariantCulture, $"Q{(Start.Month - 1) / 3 + 1} {Start.Year}")
        : Key;

    [GeneratedRegex(@"^(?<year>\d{4})(-q(?<quarter>[1-4]))?$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}

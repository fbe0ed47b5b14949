using System.Globalization;
using Microsoft.Extensions.Options;

namespace Portal.Core.Transparency.TaxStatements;

/// <summary>The charity's fiscal years: each named by the calendar year it starts in, on the configured month and day.</summary>
public sealed class FiscalYears(IOptions<TaxStatementOptions> options)
{
    private readonly int month = options.Value.FiscalYearStartMonth;
    private readonly int day = options.Value.FiscalYearStartDay;

    public bool StartsOnFirstOfJanuary => month == 1 && day == 1;

    public DateOnly Start(int year) => new(year, month, day);

    /// <summary>The first day of the fiscal year and the day after its last day.</summary>
    public (DateOnly From, DateOnly To) Range(int year) => (Start(year), Start(year + 1));

    public int Of(DateOnly date) => date >= Start(date.Year) ? date.Year : date.Year - 1;

    /// <summary>The last fiscal year that ended on or before <paramref name="today"/>.</summary>
    public int LastEnded(DateOnly today) => Of(today) - 1;

    /// <summary>"2026", or "2026/27" when the fiscal year is not the calendar year.</summary>
    public string Label(int year) =>
        StartsOnFirstOfJanuary
            ? year.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{year}/{(year + 1) % 100:D2}");
}

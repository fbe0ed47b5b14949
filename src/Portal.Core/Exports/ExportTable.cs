using System.Globalization;

namespace Portal.Core.Exports;

public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// A table to export: its file name (without extension), its column headers, and its rows as they are read from the
/// database. A row's array may be reused for the next row: a writer must be done with it when it asks for the next.
/// </summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Columns, IAsyncEnumerable<Cell[]> Rows);

/// <summary>The period (the charity's calendar dates, both included) and fund an export covers; null is no limit.</summary>
public sealed record ExportFilter(DateOnly? From, DateOnly? To, Guid? FundId = null, string? FundCode = null)
{
    /// <summary>The longest period a statement export covers: each fund's statement is one query, but not over decades.</summary>
    public const int MaxStatementDays = 3660;

    /// <summary>Why this filter cannot be exported as <paramref name="kind"/>, in words for the form; null when it can.</summary>
    public string? Problem(ExportKind kind) => (From, To) switch
    {
        ({ } from, { } to) when to < from => "The end of the period (To) is before its start (From).",
        (null, _) or (_, null) when kind == ExportKind.Statements => "A statement needs a period: give both From and To.",
        ({ } from, { } to) when kind == ExportKind.Statements
            && to.DayNumber - from.DayNumber > MaxStatementDays => "A statement covers at most ten years.",
        _ => null,
    };

    /// <summary>
    /// A statement's period with a missing end filled in: the month of the end given, or this month when neither is
    /// (what a finance officer closing the month asks for). Other exports keep an open end: no limit.
    /// </summary>
    public ExportFilter WithStatementPeriod(ExportKind kind, DateOnly today)
    {
        if (kind != ExportKind.Statements || (From is not null && To is not null))
        {
            return this;
        }

        var month = From ?? To ?? today;
        var first = new DateOnly(month.Year, month.Month, 1);
        return this with { From = From ?? first, To = To ?? first.AddMonths(1).AddDays(-1) };
    }

    /// <summary>"-KEN01-2026-03-01-2026-03-31": what the file covers, for its name.</summary>
    public string FileSuffix() =>
        (FundCode is null ? "" : "-" + FundCode)
        + (From is { } from ? "-" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")
        + (To is { } to ? "-to-" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "");
}

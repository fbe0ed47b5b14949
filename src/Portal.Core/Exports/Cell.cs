using System.Globalization;
using Portal.Core.Shared;

namespace Portal.Core.Exports;

public enum CellKind
{
    Empty,
    Text,
    Integer,
    /// <summary>Money in major units with its currency's decimals; stored as minor units, never as a float.</summary>
    Amount,
    Date,
    /// <summary>A moment in UTC.</summary>
    Instant,
    /// <summary>An exchange rate or other exact ratio.</summary>
    Rate,
}

/// <summary>One value of an exported row, typed so that CSV writes it as invariant text and XLSX as a number with a format.</summary>
public readonly record struct Cell(CellKind Kind, string? Text = null, long Number = 0, int Digits = 0, decimal Rate = 0)
{
    public static Cell Empty => default;

    public static Cell Of(string? text) => text is null ? default : new(CellKind.Text, text);

    public static Cell Of(long number) => new(CellKind.Integer, Number: number);

    public static Cell Of(Money amount) => new(CellKind.Amount, Number: amount.Minor, Digits: amount.Currency.MinorDigits);

    public static Cell Of(Money? amount) => amount is { } money ? Of(money) : default;

    public static Cell Of(DateOnly? date) => date is { } day ? new(CellKind.Date, Number: day.DayNumber) : default;

    public static Cell Of(DateTime? utc) => utc is { } instant ? new(CellKind.Instant, Number: instant.Ticks) : default;

    public static Cell OfRate(decimal? rate) => rate is { } value ? new(CellKind.Rate, Rate: value) : default;

    /// <summary>The value as an accounting package reads it: "12.50", "-3", "2026-03-10", "2026-03-10T12:00:00Z".</summary>
    public string Invariant() => Kind switch
    {
        CellKind.Text => Text!,
        CellKind.Integer => Number.ToString(CultureInfo.InvariantCulture),
        CellKind.Amount => Major(Number, Digits),
        CellKind.Date => DateOnly.FromDayNumber((int)Number).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        CellKind.Instant => new DateTime(Number, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        CellKind.Rate => Rate.ToString("0.############", CultureInfo.InvariantCulture),
        _ => "",
    };

    /// <summary>Minor units as a decimal string in major units, by integer arithmetic alone: 1234 with 2 digits is "12.34".</summary>
    public static string Major(long minor, int digits)
    {
        if (digits == 0)
        {
            return minor.ToString(CultureInfo.InvariantCulture);
        }

        var magnitude = minor < 0 ? (ulong)-(minor + 1) + 1 : (ulong)minor;
        ulong scale = digits switch { 1 => 10, 2 => 100, 3 => 1_000, 4 => 10_000, _ => throw new ArgumentOutOfRangeException(nameof(digits)) };
        var whole = (magnitude / scale).ToString(CultureInfo.InvariantCulture);
        var fraction = (magnitude % scale).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
        return minor < 0 ? $"-{whole}.{fraction}" : $"{whole}.{fraction}";
    }
}

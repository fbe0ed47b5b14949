using System.Globalization;

namespace Portal.Core.Shared;

/// <summary>
/// An amount in minor units (cents, pence, yen) of one currency. The only type that does arithmetic on amounts: it
/// refuses to mix currencies, checks for overflow, and rounds only where the caller names the rounding.
/// </summary>
public readonly record struct Money(long Minor, Currency Currency)
{
    public static Money Zero(Currency currency) => new(0, currency);

    public bool IsZero => Minor == 0;

    public bool IsNegative => Minor < 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Minor + SameCurrency(a, b).Minor), a.Currency);

    public static Money operator -(Money a, Money b) => new(checked(a.Minor - SameCurrency(a, b).Minor), a.Currency);

    public static Money operator -(Money a) => new(checked(-a.Minor), a.Currency);

    public static bool operator <(Money a, Money b) => a.Minor < SameCurrency(a, b).Minor;

    public static bool operator >(Money a, Money b) => a.Minor > SameCurrency(a, b).Minor;

    public static bool operator <=(Money a, Money b) => a.Minor <= SameCurrency(a, b).Minor;

    public static bool operator >=(Money a, Money b) => a.Minor >= SameCurrency(a, b).Minor;

    public Money Add(Money other) => this + other;

    public Money Subtract(Money other) => this - other;

    public Money Negate() => -this;

    /// <summary>This amount times <paramref name="numerator"/>/<paramref name="denominator"/>, rounded as named.</summary>
    public Money MultiplyFraction(long numerator, long denominator, MidpointRounding rounding)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(denominator);
        var product = (Int128)Minor * numerator;
        var quotient = Int128.DivRem(product, denominator);
        var result = RoundQuotient(quotient.Quotient, quotient.Remainder, denominator, rounding);
        return new Money(checked((long)result), Currency);
    }

    /// <summary>
    /// Reads an amount typed in major units: "25", "25.50", "25,50", "1,250.00", "1.250,00", "1 250". When both '.'
    /// and ',' appear, the last one is the decimal mark; a single mark of one kind is the decimal mark; a mark that
    /// repeats groups thousands. Nothing is rounded: more decimals than the currency has is not an amount.
    /// </summary>
    public static bool TryParseMajor(string? text, Currency currency, out Money money)
    {
        money = default;
        var cleaned = new string((text ?? "").Where(c => !char.IsWhiteSpace(c) && c != '\'').ToArray());
        if (cleaned.Length is 0 or > 30)
        {
            return false;
        }

        var lastDot = cleaned.LastIndexOf('.');
        var lastComma = cleaned.LastIndexOf(',');
        var decimalMark = (lastDot, lastComma) switch
        {
            (-1, -1) => (char?)null,
            (_, -1) => cleaned.Count(c => c == '.') == 1 ? '.' : null,
            (-1, _) => cleaned.Count(c => c == ',') == 1 ? ',' : null,
            _ => lastDot > lastComma ? '.' : ',',
        };
        var normalised = decimalMark switch
        {
            '.' => cleaned.Replace(",", "", StringComparison.Ordinal),
            ',' => cleaned.Replace(".", "", StringComparison.Ordinal).Replace(',', '.'),
            _ => cleaned.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal),
        };

        return decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major)
            && TryFromMajor(major, currency, out money);
    }

    /// <summary>An exact conversion from major units; false when the amount has more decimals than the currency has.</summary>
    public static bool TryFromMajor(decimal major, Currency currency, out Money money)
    {
        money = default;
        var minor = major * currency.MinorPerMajor;
        if (minor != decimal.Truncate(minor) || minor > long.MaxValue || minor < long.MinValue)
        {
            return false;
        }

        money = new Money((long)minor, currency);
        return true;
    }

    /// <summary>The amount in major units, for display and exports only; never for arithmetic.</summary>
    public decimal ToMajor() => (decimal)Minor / Currency.MinorPerMajor;

    /// <summary>The amount as a plain number with the currency's decimals ("12.50", "1200", "1.250").</summary>
    public string ToPlainString()
        => ToMajor().ToString("F" + Currency.MinorDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>The amount with its currency symbol in the reader's culture ("€12.50", "CHF 30.00").</summary>
    public string Format(IFormatProvider culture)
    {
        var format = (NumberFormatInfo)NumberFormatInfo.GetInstance(culture).Clone();
        format.CurrencySymbol = Symbol(Currency.Code);
        format.CurrencyDecimalDigits = Currency.MinorDigits;
        return ToMajor().ToString("C", format);
    }

    public override string ToString() => $"{Currency.Code} {ToPlainString()}";

    private static string Symbol(string code) => code switch
    {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        "JPY" => "¥",
        _ => code + "\u00A0",
    };

    private static Money SameCurrency(Money a, Money b) =>
        a.Currency == b.Currency ? b : throw new InvalidOperationException($"Cannot combine {a.Currency} with {b.Currency}.");

    private static Int128 RoundQuotient(Int128 quotient, Int128 remainder, long denominator, MidpointRounding rounding)
    {
        if (remainder == 0)
        {
            return quotient;
        }

        var sign = remainder < 0 ? -1 : 1;
        var twice = Int128.Abs(remainder) * 2;
        var awayFromZero = rounding switch
        {
            MidpointRounding.AwayFromZero => twice >= denominator,
            MidpointRounding.ToEven => twice > denominator || (twice == denominator && !Int128.IsEvenInteger(quotient)),
            MidpointRounding.ToZero => false,
            MidpointRounding.ToPositiveInfinity => sign > 0,
            MidpointRounding.ToNegativeInfinity => sign < 0,
            _ => throw new ArgumentOutOfRangeException(nameof(rounding)),
        };
        return awayFromZero ? quotient + sign : quotient;
    }
}

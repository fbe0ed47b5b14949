using System.Globalization;
using Portal.Core.Shared;

namespace Portal.Core.Reconciliation.Bank;

/// <summary>
/// Reads a bank's amount text exactly, with the decimal separator the file uses: "-1.234,56" with ',', "1234.56" with
/// '.'. The other mark may only group thousands, so "12.50" read with ',' is refused rather than taken as 1250. More
/// decimals than the currency has is refused, never rounded.
/// </summary>
public static class ExactAmount
{
    public static bool TryParse(string? text, char decimalSeparator, Currency currency, out Money money)
    {
        money = default;
        var cleaned = new string((text ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        var negative = cleaned.StartsWith('-');
        var body = cleaned.TrimStart('-', '+');
        if (body.Length is 0 or > 25 || cleaned.Length - body.Length > 1)
        {
            return false;
        }

        var parts = body.Split(decimalSeparator);
        if (parts.Length > 2 || (parts.Length == 2 && !IsDigits(parts[1])))
        {
            return false;
        }

        var groups = parts[0].Split(decimalSeparator == ',' ? '.' : ',');
        if (!groups.All(IsDigits) || (groups.Length > 1 && (groups[0].Length > 3 || groups.Skip(1).Any(g => g.Length != 3))))
        {
            return false;
        }

        var plain = string.Concat(groups) + (parts.Length == 2 ? "." + parts[1] : "");
        return decimal.TryParse(plain, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major)
            && Money.TryFromMajor(negative ? -major : major, currency, out money);
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.Reconciliation.Bank;

/// <summary>A line of a file with the two keys that find it again in a later statement.</summary>
/// <param name="Key">Finds the line in an overlapping statement of the same format.</param>
/// <param name="BookingKey">Finds the same booking in a statement of the other format (CAMT.053 and CSV).</param>
public sealed record KeyedLine(StatementLine Line, string Key, string BookingKey);

/// <summary>
/// The keys that find a line again. <see cref="KeyedLine.Key"/>: the account and the bank's own reference when it gives
/// one; otherwise the account, day, amount, a hash of the texts, and how many identical lines came before it in the file
/// (so two equal transfers on one day stay two, and the same day exported twice gives the same keys).
/// <see cref="KeyedLine.BookingKey"/>: the account, day, amount and how many bookings of that amount came before it on that
/// day. A bank's CSV export has neither the bank's reference nor the texts of its CAMT.053 statement, so a booking is
/// recognised across the two formats by what both carry.
/// </summary>
public static class BankLineKeys
{
    public static IReadOnlyList<KeyedLine> Assign(IReadOnlyList<StatementLine> lines)
    {
        var seen = new Dictionary<string, int>();
        var bookings = new Dictionary<string, int>();
        var keyed = new List<KeyedLine>(lines.Count);
        foreach (var line in lines)
        {
            var booking = Booking(line);
            var bookingKey = string.Create(CultureInfo.InvariantCulture, $"{booking}:{bookings[booking] = bookings.GetValueOrDefault(booking) + 1}");
            var account = line.Account ?? "-";
            if (line.BankReference is { Length: <= 200 } reference)
            {
                keyed.Add(new KeyedLine(line, $"{account}:ref:{reference}", bookingKey));
                continue;
            }

            var texts = Hash($"{line.BankReference}\n{line.Reference}\n{line.Counterparty}\n{line.Description}");
            var identity = string.Create(
                CultureInfo.InvariantCulture,
                $"{account}:{line.BookedOn:yyyy-MM-dd}:{line.Amount.Currency.Code}{line.Amount.Minor}:{texts}");
            var occurrence = seen[identity] = seen.GetValueOrDefault(identity) + 1;
            keyed.Add(new KeyedLine(line, string.Create(CultureInfo.InvariantCulture, $"{identity}:{occurrence}"), bookingKey));
        }

        return keyed;
    }

    /// <summary>The account as both formats write it: an IBAN without spaces, in capitals; "-" when the file names none.</summary>
    public static string Account(string? account) =>
        account is null ? "-" : string.Concat(account.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant() is { Length: > 0 } a ? a : "-";

    private static string Booking(StatementLine line) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Account(line.Account)}:{line.BookedOn:yyyy-MM-dd}:{line.Amount.Currency.Code}{line.Amount.Minor}");

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}

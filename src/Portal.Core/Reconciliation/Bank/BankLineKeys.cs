using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.Reconciliation.Bank;

/// <summary>
/// The key that finds a line again in an overlapping statement: the account and the bank's own reference when it gives
/// one; otherwise the account, day, amount, a hash of the texts, and how many identical lines came before it in the file
/// (so two equal transfers on one day stay two, and the same day exported twice gives the same keys).
/// </summary>
public static class BankLineKeys
{
    public static IReadOnlyList<(StatementLine Line, string Key)> Assign(IReadOnlyList<StatementLine> lines)
    {
        var seen = new Dictionary<string, int>();
        var keyed = new List<(StatementLine, string)>(lines.Count);
        foreach (var line in lines)
        {
            var account = line.Account ?? "-";
            if (line.BankReference is { Length: <= 200 } reference)
            {
                keyed.Add((line, $"{account}:ref:{reference}"));
                continue;
            }

            var texts = Hash($"{line.BankReference}\n{line.Reference}\n{line.Counterparty}\n{line.Description}");
            var identity = string.Create(
                CultureInfo.InvariantCulture,
                $"{account}:{line.BookedOn:yyyy-MM-dd}:{line.Amount.Currency.Code}{line.Amount.Minor}:{texts}");
            var occurrence = seen[identity] = seen.GetValueOrDefault(identity) + 1;
            keyed.Add((line, string.Create(CultureInfo.InvariantCulture, $"{identity}:{occurrence}")));
        }

        return keyed;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}

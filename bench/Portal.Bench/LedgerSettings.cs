using System.Globalization;

namespace Portal.Bench;

/// <summary>The <c>statement</c> and <c>export</c> commands' one option: how many journal lines to seed.</summary>
public sealed record LedgerSettings(int LedgerLines)
{
    public static bool TryParse(string[] args, out LedgerSettings settings, out string problem)
    {
        settings = new LedgerSettings(1_000_000);
        problem = "";
        if (args.Length == 0)
        {
            return true;
        }

        if (args.Length != 2 || args[0] != "--ledger-lines" || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var lines)
            || lines < 3)
        {
            problem = "Expected --ledger-lines N (at least 3).";
            return false;
        }

        settings = new LedgerSettings(lines);
        return true;
    }
}

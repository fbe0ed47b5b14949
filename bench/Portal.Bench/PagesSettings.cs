using System.Globalization;

namespace Portal.Bench;

/// <summary>The <c>pages</c> command's options.</summary>
/// <param name="LedgerLines">Journal lines to seed (gifts to one fund).</param>
/// <param name="Donors">Donors, each with a monthly sponsorship of that fund, whose gifts make the lines.</param>
/// <param name="PostgreSql">Run on PostgreSQL (a throw-away cluster, or PORTAL_TEST_POSTGRES) instead of SQLite.</param>
/// <param name="Seconds">How long each public page is loaded, after a warm-up of a fifth of it.</param>
/// <param name="Connections">The load client's concurrent connections.</param>
public sealed record PagesSettings(int LedgerLines, int Donors, bool PostgreSql, int Seconds, int Connections)
{
    public static bool TryParse(string[] args, out PagesSettings settings, out string problem)
    {
        settings = new PagesSettings(1_000_000, 10_000, false, 10, 64);
        problem = "";
        for (var i = 0; i < args.Length; i++)
        {
            int Number(int min)
            {
                if (i + 1 >= args.Length || !int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min)
                {
                    throw new FormatException($"{args[i - 1]} needs a whole number of at least {min}.");
                }

                return value;
            }

            try
            {
                settings = args[i] switch
                {
                    "--ledger-lines" => settings with { LedgerLines = Number(4) },
                    "--donors" => settings with { Donors = Number(1) },
                    "--seconds" => settings with { Seconds = Number(1) },
                    "--connections" => settings with { Connections = Number(1) },
                    "--postgres" => settings with { PostgreSql = true },
                    _ => throw new FormatException($"Unknown option {args[i]}."),
                };
            }
            catch (FormatException error)
            {
                problem = error.Message;
                return false;
            }
        }

        return true;
    }
}

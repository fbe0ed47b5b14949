using System.Globalization;

namespace Portal.Bench;

/// <summary>The <c>donors</c> command's options.</summary>
/// <param name="Donors">Donors to seed, one of them with 200 gifts.</param>
/// <param name="PostgreSql">Run on PostgreSQL (a throw-away cluster, or PORTAL_TEST_POSTGRES) instead of SQLite.</param>
/// <param name="Requests">Timed requests of each kind, one at a time, after a warm-up.</param>
public sealed record DonorsSettings(int Donors, bool PostgreSql, int Requests)
{
    public static bool TryParse(string[] args, out DonorsSettings settings, out string problem)
    {
        settings = new DonorsSettings(1_000_000, false, 200);
        problem = "";
        for (var i = 0; i < args.Length; i++)
        {
            int Number(int min, int max)
            {
                if (i + 1 >= args.Length || !int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                    || value < min || value > max)
                {
                    throw new FormatException($"{args[i - 1]} needs a whole number from {min} to {max}.");
                }

                return value;
            }

            try
            {
                settings = args[i] switch
                {
                    "--donors" => settings with { Donors = Number(SeedDonors.MinimumDonors, 10_000_000) },
                    "--requests" => settings with { Requests = Number(1, 100_000) },
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

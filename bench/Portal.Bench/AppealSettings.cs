using System.Globalization;

namespace Portal.Bench;

/// <summary>The <c>appeal</c> command's options.</summary>
/// <param name="Donors">Gifts started in the measured load, each by a new donor (N).</param>
/// <param name="PostgreSql">Run on PostgreSQL (a throw-away cluster, or PORTAL_TEST_POSTGRES) instead of SQLite.</param>
/// <param name="Allocations">Print each phase's allocations by type (sampled by the runtime; a little slower).</param>
/// <param name="Floor">The same loads against a server that only creates checkouts and verifies deliveries, without the portal.</param>
/// <param name="WarmUp">
/// Gifts started before the measured ones, untimed, their checkouts paid and their events applied before the measured
/// burst; unset, half of N and at most 10,000 (decision 049).
/// </param>
public sealed record AppealSettings(int Donors, bool PostgreSql, bool Allocations = false, bool Floor = false, int? WarmUp = null)
{
    public int WarmUpGifts => WarmUp ?? Math.Clamp(Donors / 2, 1, 10_000);

    /// <summary>Connections posting the sponsor form at once, as the issue sets them.</summary>
    public const int GiftConnections = 64;

    /// <summary>Connections the fake Stripe delivers its events on at once.</summary>
    public const int WebhookConnections = 32;

    public static bool TryParse(string[] args, out AppealSettings settings, out string problem)
    {
        settings = new AppealSettings(20_000, false);
        problem = "";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--postgres":
                    settings = settings with { PostgreSql = true };
                    break;
                case "--allocations":
                    settings = settings with { Allocations = true };
                    break;
                case "--floor":
                    settings = settings with { Floor = true };
                    break;
                // Each of the 64 donors' addresses may start 10,000 checkouts an hour (the most CheckoutLimits allows).
                case "--donors" when i + 1 < args.Length
                    && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var donors) && donors is >= 1 and <= 500_000:
                    settings = settings with { Donors = donors };
                    i++;
                    break;
                case "--warm-up" when i + 1 < args.Length
                    && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var warmUp) && warmUp is >= 1 and <= 500_000:
                    settings = settings with { WarmUp = warmUp };
                    i++;
                    break;
                default:
                    problem = $"appeal takes --donors N (1 to 500,000), --warm-up W (1 to 500,000), --postgres, --allocations and --floor; "
                        + $"got '{args[i]}'.";
                    return false;
            }
        }

        if (settings.Floor && (settings.PostgreSql || settings.Allocations))
        {
            problem = "appeal --floor runs without the portal and its database: it takes --donors N only.";
            return false;
        }

        return true;
    }
}

using System.Globalization;

namespace Portal.Bench;

/// <summary>The <c>charges</c> command's arguments.</summary>
/// <param name="Rate">Gateway requests per second; null is unpaced (the portal's ceiling, 100,000/s).</param>
public sealed record ChargesSettings(int Sponsorships, int LatencyMs, double? Rate, int Concurrency, int BatchSize)
{
    /// <summary>The highest <c>Charges:RequestsPerSecond</c> the portal accepts: "no limit" for the bench.</summary>
    public const double Unpaced = 100_000;

    public double RequestsPerSecond => Rate ?? Unpaced;

    /// <summary>Enough requests in flight to reach the rate at this latency, with half again for jitter; at least 8.</summary>
    public static int DefaultConcurrency(double? rate, int latencyMs) =>
        (int)Math.Clamp(Math.Ceiling((rate ?? Unpaced) * latencyMs / 1000.0 * 1.5), 8, 1000);

    public static bool TryParse(string[] args, out ChargesSettings settings, out string problem)
    {
        settings = null!;
        problem = "";
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                problem = $"Expected --name value pairs; got '{args[i]}'.";
                return false;
            }

            values[args[i][2..]] = args[i + 1];
        }

        var unknown = values.Keys.Except(["sponsorships", "latency-ms", "rate", "concurrency", "batch-size"]).FirstOrDefault();
        if (unknown is not null)
        {
            problem = $"Unknown option --{unknown}.";
            return false;
        }

        try
        {
            var latency = Int(values, "latency-ms", 0);
            double? rate = values.TryGetValue("rate", out var r) ? double.Parse(r, CultureInfo.InvariantCulture) : null;
            settings = new ChargesSettings(
                Int(values, "sponsorships", 10_000), latency, rate,
                Int(values, "concurrency", DefaultConcurrency(rate, latency)), Int(values, "batch-size", 500));
        }
        catch (FormatException error)
        {
            problem = error.Message;
            return false;
        }

        return true;
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}

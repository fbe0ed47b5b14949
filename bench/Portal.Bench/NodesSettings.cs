using System.Globalization;

namespace Portal.Bench;

/// <summary>The <c>nodes</c> command's arguments.</summary>
/// <param name="WebNodes">Web nodes; gifts are timed through one, then through all of them.</param>
/// <param name="Workers">Worker nodes; each charge figure is timed with one, then with all of them.</param>
/// <param name="Donors">Sponsorships due in each charge phase (four phases: two variants, one and all workers).</param>
/// <param name="LatencyMs">The fake Stripe's delay in the latency-bound variant.</param>
/// <param name="GiftSeconds">How long gifts are started through one web node, and then through all.</param>
/// <param name="Connections">The gift load client's connections.</param>
public sealed record NodesSettings(int WebNodes, int Workers, int Donors, int LatencyMs, int GiftSeconds, int Connections)
{
    private static readonly Dictionary<string, (int Default, int Min, int Max)> Options = new(StringComparer.Ordinal)
    {
        ["web"] = (2, 1, 4),
        ["workers"] = (2, 1, 4),
        ["donors"] = (20_000, 1, 1_000_000),
        ["latency-ms"] = (200, 0, 10_000),
        ["gift-seconds"] = (10, 1, 600),
        ["connections"] = (16, 1, 256),
    };

    public static bool TryParse(string[] args, out NodesSettings settings, out string problem)
    {
        settings = null!;
        problem = "";
        var values = Options.ToDictionary(o => o.Key, o => o.Value.Default, StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : "";
            if (!Options.TryGetValue(name, out var range) || i + 1 >= args.Length)
            {
                problem = $"Expected --name value pairs of {string.Join(", ", Options.Keys.Select(k => "--" + k))}; got '{args[i]}'.";
                return false;
            }

            if (!int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) || value < range.Min || value > range.Max)
            {
                problem = $"--{name} must be a whole number from {range.Min} to {range.Max}; got '{args[i + 1]}'.";
                return false;
            }

            values[name] = value;
        }

        settings = new NodesSettings(
            values["web"], values["workers"], values["donors"], values["latency-ms"], values["gift-seconds"], values["connections"]);
        return true;
    }
}

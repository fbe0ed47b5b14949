using System.Globalization;

namespace Portal.Bench;

/// <summary>The <c>result:</c> line: key=value pairs in the invariant culture, one line, the last on stdout.</summary>
public sealed record BenchResult(IReadOnlyList<KeyValuePair<string, string>> Figures, bool IsClean)
{
    public string ToLine() => "result: " + string.Join(' ', Figures.Select(f => $"{f.Key}={f.Value}"));

    /// <summary>Reads a result line back into its figures (for the smoke test and scripts).</summary>
    public static IReadOnlyDictionary<string, string> Parse(string line) =>
        line["result: ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    public static string Number(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);
}

using System.Collections.Frozen;
using System.Globalization;
using Portal.Core.Languages;

namespace Portal.Core.Donors;

/// <summary>
/// ISO 3166-1 alpha-2 countries with their names in every language of <see cref="PortalLanguages"/>: a donor reads
/// "Deutschland", "Allemagne" or "Alemania", never the English name on a German page.
/// </summary>
/// <remarks>
/// The names come from <c>Countries.tsv</c>, taken once from ICU's region data (ICU 72, plus Kosovo's XK). .NET cannot
/// give them at run time: <see cref="RegionInfo.DisplayName"/> follows the system's language, not the reader's.
/// </remarks>
public static class Countries
{
    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Names = Load();

    public static bool IsKnown(string? code) => code is not null && Names["en"].ContainsKey(code);

    /// <summary>The country's name in the culture's language (English when it is not one of ours), or the code if unknown.</summary>
    public static string NameOf(string? code, CultureInfo? culture = null) =>
        code is not null && In(culture).TryGetValue(code, out var name) ? name : code ?? "";

    /// <summary>Code and name in the culture's language, sorted as that language sorts (Österreich among the O's).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> AllIn(CultureInfo culture) =>
        Sorted.GetValueOrDefault(culture.TwoLetterISOLanguageName) ?? Sorted["en"];

    /// <summary>Each language's list sorted once, not on every sponsor form.</summary>
    private static readonly FrozenDictionary<string, KeyValuePair<string, string>[]> Sorted = Names.ToFrozenDictionary(
        pair => pair.Key,
        pair => pair.Value.OrderBy(name => name.Value, StringComparer.Create(CultureInfo.GetCultureInfo(pair.Key), ignoreCase: true)).ToArray());

    private static FrozenDictionary<string, string> In(CultureInfo? culture) =>
        Names.GetValueOrDefault(culture?.TwoLetterISOLanguageName ?? "en") ?? Names["en"];

    private static FrozenDictionary<string, FrozenDictionary<string, string>> Load()
    {
        using var stream = typeof(Countries).Assembly.GetManifestResourceStream("Portal.Core.Donors.Countries.tsv")
            ?? throw new InvalidOperationException("Countries.tsv is not embedded in Portal.Core.");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith('#')).ToList();
        var languages = lines[0].Split('\t')[1..];
        var rows = lines.Skip(1).Select(line => line.Split('\t')).ToList();
        return languages.Select((language, index) => (language, names: rows.ToFrozenDictionary(row => row[0], row => row[index + 1])))
            .ToFrozenDictionary(pair => pair.language, pair => pair.names);
    }
}

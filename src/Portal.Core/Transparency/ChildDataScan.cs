using System.Text.RegularExpressions;

namespace Portal.Core.Transparency;

/// <summary>
/// Looks through a report's outcomes and stories for what could identify a child: names (a word after "named" or
/// "called", a common given name, a capitalised word with an age), exact places (street addresses, house and plot
/// numbers, postcodes, coordinates, map links) and faces (any image). It errs on the side of warning: a person reads
/// every warning before ticking the confirmation, and a false alarm costs a glance while a miss can cost a child.
/// </summary>
public static partial class ChildDataScan
{
    public static IReadOnlyList<ChildDataWarning> Scan(IReadOnlyList<ReportOutcome> outcomes, string? stories)
    {
        var warnings = new List<ChildDataWarning>();
        for (var i = 0; i < outcomes.Count; i++)
        {
            ScanText(outcomes[i].Label, $"outcome {i + 1}", warnings, images: false);
        }

        ScanText(stories ?? "", "the stories", warnings, images: true);
        return warnings.DistinctBy(w => (w.Kind, w.Where, w.Found)).ToList();
    }

    /// <summary>Any texts a donor will read, each named by where it is ("the story (de)"); images are looked for too.</summary>
    public static IReadOnlyList<ChildDataWarning> Scan(IEnumerable<(string Where, string? Text)> texts)
    {
        var warnings = new List<ChildDataWarning>();
        foreach (var (where, text) in texts)
        {
            ScanText(text ?? "", where, warnings, images: true);
        }

        return warnings.DistinctBy(w => (w.Kind, w.Where, w.Found)).ToList();
    }

    private static void ScanText(string text, string where, List<ChildDataWarning> warnings, bool images)
    {
        void Add(ChildDataKind kind, IEnumerable<string> found)
            => warnings.AddRange(found.Select(f => new ChildDataWarning(kind, where, f.Trim().TrimEnd('.', ','))));

        Add(ChildDataKind.Name, NamedOrCalled().Matches(text).Select(m => m.Groups["name"].Value));
        Add(ChildDataKind.Name, Capitalised().Matches(text).Select(m => m.Value).Where(GivenNames.Contains));
        Add(ChildDataKind.Name, NameWithAge().Matches(text).Select(m => m.Groups["name"].Value).Where(w => !GivenNames.NotNames.Contains(w)));
        foreach (var pattern in Places)
        {
            Add(ChildDataKind.Place, pattern.Matches(text).Select(m => m.Value));
        }

        if (images)
        {
            Add(ChildDataKind.Face, Image().Matches(text).Select(m => m.Value));
        }
    }

    private static readonly Regex[] Places =
    [
        StreetNumberFirst(), StreetNumberAfter(), StreetInOtherLanguages(), HouseOrPlot(), UkPostcode(), PostcodeNamed(),
        ZipPlusFour(), PostcodeBeforeTown(), DecimalCoordinates(), DegreeCoordinates(), MapLink(),
    ];

    [GeneratedRegex(@"\b(?i:named|called|name is|name's|known as)\s+(?<name>\p{Lu}[\p{L}'-]+)")]
    private static partial Regex NamedOrCalled();

    [GeneratedRegex(@"\b\p{Lu}\p{Ll}+\b")]
    private static partial Regex Capitalised();

    [GeneratedRegex(@"\b(?<name>\p{Lu}\p{Ll}+)(?:,\s*(?:aged\s*)?\d{1,2}\b|\s*\(\s*\d{1,2}\s*\)|\s+(?:is|was|turned)\s+\d{1,2}\b)")]
    private static partial Regex NameWithAge();

    [GeneratedRegex(
        @"\b\d{1,5}[A-Za-z]?,?\s+(?:\p{Lu}[\p{L}'.-]*\s+){1,3}"
        + @"(?i:street|st|road|rd|avenue|ave|lane|ln|drive|dr|way|close|crescent|boulevard|blvd|place|court|terrace|highway)\b\.?")]
    private static partial Regex StreetNumberFirst();

    [GeneratedRegex(@"\b(?:\p{Lu}[\p{L}'-]*\s+){1,3}(?i:street|road|avenue|lane|drive|way)\s+\d{1,5}\b")]
    private static partial Regex StreetNumberAfter();

    [GeneratedRegex(@"(?i)\b(?:\p{L}+(?:straße|strasse|gasse|weg|platz)|calle|avenida|rua|carrera|rue)\s+[\p{L}\s.'-]{0,40}?\d{1,5}\b")]
    private static partial Regex StreetInOtherLanguages();

    [GeneratedRegex(@"(?i)\b(?:house(?:\s+(?:no\.?|number))?|plot(?:\s+no\.?)?|flat|apartment|apt\.?|p\.?\s?o\.?\s+box)\s*#?\s*\d+[a-z]?\b")]
    private static partial Regex HouseOrPlot();

    [GeneratedRegex(@"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")]
    private static partial Regex UkPostcode();

    [GeneratedRegex(@"(?i)\b(?:post\s?code|postal\s+code|zip(?:\s+code)?|plz)\s*:?\s*[a-z0-9][a-z0-9 -]{2,9}\b")]
    private static partial Regex PostcodeNamed();

    [GeneratedRegex(@"\b\d{5}-\d{4}\b")]
    private static partial Regex ZipPlusFour();

    // Four or five digits before a town ("1010 Wien", "00100 Nairobi"), but not a year ("2026 Nairobi").
    [GeneratedRegex(@"\b(?!(?:19|20)\d{2}\b)\d{4,5}\s+\p{Lu}\p{Ll}{2,}")]
    private static partial Regex PostcodeBeforeTown();

    [GeneratedRegex(@"-?\b\d{1,2}\.\d{3,}\s*°?\s*[NSns]?\s*,\s*-?\d{1,3}\.\d{3,}\s*°?\s*[EWew]?")]
    private static partial Regex DecimalCoordinates();

    [GeneratedRegex(@"\b\d{1,3}\s*°\s*\d{1,2}\s*['′]")]
    private static partial Regex DegreeCoordinates();

    [GeneratedRegex(@"(?i)(?:\bgeo:|\bmaps\.google\.|\bgoo\.gl/maps|\bmaps\.app\.goo\.gl|\bopenstreetmap\.org)\S*")]
    private static partial Regex MapLink();

    [GeneratedRegex(@"!\[[^\]]*\]\s*[\(\[][^\)\]]*[\)\]]|<img\b[^>]*>?", RegexOptions.IgnoreCase)]
    private static partial Regex Image();
}

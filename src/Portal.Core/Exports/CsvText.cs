namespace Portal.Core.Exports;

/// <summary>A CSV cell that a spreadsheet opens as the text it is: quoted when needed, never run as a formula.</summary>
public static class CsvText
{
    public static string Cell(string value)
    {
        // A cell starting with = + - @ would run as a formula in a spreadsheet: prefix it so it stays text.
        var safe = value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }
}

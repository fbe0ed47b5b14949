using System.Text;

namespace Portal.Web.Hosting;

/// <summary>CSV that Excel opens as it should: UTF-8 with a byte-order mark, cells quoted when needed, never a formula.</summary>
public static class Csv
{
    public static string Cell(string value)
    {
        // A cell starting with = + - @ would run as a formula in a spreadsheet: prefix it so it stays text.
        var safe = value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }

    public static byte[] Bytes(StringBuilder csv) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
}

using System.Text;

namespace Portal.Web.Hosting;

/// <summary>CSV that Excel opens as it should: UTF-8 with a byte-order mark, cells quoted when needed, never a formula.</summary>
public static class Csv
{
    public static string Cell(string value) => Core.Exports.CsvText.Cell(value);

    public static byte[] Bytes(StringBuilder csv) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
}

using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Portal.Core.Spending;

namespace Portal.Testing;

/// <summary>Reads an export back as rows of text, the header first: CSV with the portal's reader, XLSX from the sheet's XML.</summary>
public static class ExportFiles
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static List<string[]> Csv(byte[] file)
    {
        if (!file.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()))
        {
            throw new InvalidDataException("The CSV has no UTF-8 byte-order mark.");
        }

        using var reader = new StringReader(Encoding.UTF8.GetString(file, 3, file.Length - 3));
        return CsvRows.Read(reader).Select(r => r.Fields.ToArray()).ToList();
    }

    /// <summary>The sheet's rows; a cell is its inline text or its number as written, "" when absent.</summary>
    public static List<string[]> Xlsx(byte[] file) => XlsxCells(file).Select(row => row.Select(c => c.Value).ToArray()).ToList();

    /// <summary>Each cell's value and style index, to check that numbers are numbers with a format.</summary>
    public static List<(string Value, bool IsNumber, int Style)[]> XlsxCells(byte[] file)
    {
        using var zip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read);
        foreach (var part in new[] { "[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml", "xl/_rels/workbook.xml.rels", "_rels/.rels" })
        {
            _ = zip.GetEntry(part) ?? throw new InvalidDataException($"The workbook has no {part}.");
        }

        using var sheet = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        var rows = XDocument.Load(sheet).Descendants(Main + "row").ToList();
        return rows.Select(row =>
        {
            var cells = row.Elements(Main + "c").ToList();
            var width = cells.Count == 0 ? 0 : cells.Max(c => ColumnIndex((string)c.Attribute("r")!)) + 1;
            var values = Enumerable.Repeat(("", false, 0), width).ToArray();
            foreach (var c in cells)
            {
                var inline = (string?)c.Attribute("t") == "inlineStr";
                var value = inline ? c.Element(Main + "is")!.Element(Main + "t")!.Value : c.Element(Main + "v")?.Value ?? "";
                values[ColumnIndex((string)c.Attribute("r")!)] = (value, !inline, (int?)c.Attribute("s") ?? 0);
            }

            return values;
        }).ToList();
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            index = index * 26 + (c - 'A' + 1);
        }

        return index - 1;
    }
}

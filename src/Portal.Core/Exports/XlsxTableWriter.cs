using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Portal.Core.Exports;

/// <summary>
/// A one-sheet XLSX written as it goes: ZipArchive on a stream that cannot seek (entries carry data descriptors) and
/// XmlWriter for the sheet. Text is written inline (no shared-strings table, which would have to be held until the
/// end); numbers and dates are numbers with a number format, so a spreadsheet can add them up.
/// </summary>
internal sealed class XlsxTableWriter : TableWriter
{
    private readonly ZipArchive zip;
    private Stream? sheetStream;
    private XmlWriter? sheet;
    private int rowNumber;
    private string[] columnNames = [];

    public XlsxTableWriter(Stream output)
    {
        zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        foreach (var (path, content) in XlsxParts.Fixed)
        {
            using var part = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
            part.Write(Encoding.UTF8.GetBytes(content));
        }
    }

    public override void Header(IReadOnlyList<string> columns)
    {
        columnNames = columns.Select((_, i) => Column(i)).ToArray();
        sheetStream = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        sheet = XmlWriter.Create(sheetStream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false });
        sheet.WriteStartDocument(standalone: true);
        sheet.WriteStartElement("worksheet", XlsxParts.Main);
        // The header row stays in view while scrolling.
        sheet.WriteRaw(
            "<sheetViews><sheetView workbookViewId=\"0\">"
            + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>");
        sheet.WriteStartElement("cols", XlsxParts.Main);
        for (var i = 0; i < columns.Count; i++)
        {
            sheet.WriteRaw(string.Create(
                CultureInfo.InvariantCulture,
                $"<col min=\"{i + 1}\" max=\"{i + 1}\" width=\"{Math.Max(12, columns[i].Length + 4)}\" customWidth=\"1\"/>"));
        }

        sheet.WriteEndElement();
        sheet.WriteStartElement("sheetData", XlsxParts.Main);
        StartRow();
        for (var i = 0; i < columns.Count; i++)
        {
            WriteText(i, columns[i], XlsxParts.HeaderStyle);
        }

        sheet.WriteEndElement();
    }

    public override void Row(Cell[] cells)
    {
        StartRow();
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            switch (cell.Kind)
            {
                case CellKind.Empty:
                    break;
                case CellKind.Text:
                    WriteText(i, cell.Text!, 0);
                    break;
                case CellKind.Date:
                    WriteNumber(i, XlsxParts.Serial(DateOnly.FromDayNumber((int)cell.Number)), XlsxParts.DateStyle);
                    break;
                case CellKind.Instant:
                    WriteNumber(i, XlsxParts.Serial(new DateTime(cell.Number, DateTimeKind.Utc)), XlsxParts.InstantStyle);
                    break;
                default:
                    WriteNumber(i, cell.Invariant(), XlsxParts.NumberStyle(cell));
                    break;
            }
        }

        sheet!.WriteEndElement();
    }

    public override void Flush() => sheet?.Flush();

    public override void Complete()
    {
        sheet!.WriteEndElement();
        sheet.WriteEndElement();
        sheet.WriteEndDocument();
        sheet.Dispose();
        sheet = null;
        sheetStream!.Dispose();
        sheetStream = null;
        // The central directory: the last bytes of the file.
        zip.Dispose();
    }

    public override void Dispose()
    {
        sheet?.Dispose();
        sheetStream?.Dispose();
        zip.Dispose();
    }

    private void StartRow()
    {
        rowNumber++;
        sheet!.WriteStartElement("row", XlsxParts.Main);
        sheet.WriteAttributeString("r", rowNumber.ToString(CultureInfo.InvariantCulture));
    }

    private void WriteText(int column, string text, int style)
    {
        StartCell(column, style);
        sheet!.WriteAttributeString("t", "inlineStr");
        sheet.WriteStartElement("is", XlsxParts.Main);
        sheet.WriteStartElement("t", XlsxParts.Main);
        sheet.WriteAttributeString("xml", "space", null, "preserve");
        sheet.WriteString(XlsxParts.XmlSafe(text));
        sheet.WriteEndElement();
        sheet.WriteEndElement();
        sheet.WriteEndElement();
    }

    private void WriteNumber(int column, string value, int style)
    {
        StartCell(column, style);
        sheet!.WriteElementString("v", XlsxParts.Main, value);
        sheet.WriteEndElement();
    }

    private void StartCell(int column, int style)
    {
        sheet!.WriteStartElement("c", XlsxParts.Main);
        sheet.WriteAttributeString("r", columnNames[column] + rowNumber.ToString(CultureInfo.InvariantCulture));
        if (style != 0)
        {
            sheet.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A, B, ..., Z, AA, AB, ...</summary>
    private static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}

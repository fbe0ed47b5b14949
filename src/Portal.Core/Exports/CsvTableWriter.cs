using System.Text;

namespace Portal.Core.Exports;

/// <summary>RFC 4180 CSV in UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF line ends, invariant values.</summary>
internal sealed class CsvTableWriter(Stream output) : TableWriter
{
    private readonly StreamWriter writer = new(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024) { NewLine = "\r\n" };

    public override void Header(IReadOnlyList<string> columns) => writer.WriteLine(string.Join(',', columns.Select(CsvText.Cell)));

    public override void Row(Cell[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            // Only text can carry a comma, a quote or a formula; numbers and dates are written as they are.
            writer.Write(cells[i].Kind == CellKind.Text ? CsvText.Cell(cells[i].Text!) : cells[i].Invariant());
        }

        writer.WriteLine();
    }

    public override void Flush() => writer.Flush();

    public override void Complete() => writer.Flush();

    public override void Dispose() => writer.Dispose();
}

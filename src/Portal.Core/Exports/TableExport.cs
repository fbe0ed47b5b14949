namespace Portal.Core.Exports;

/// <summary>
/// Streams a table to an output in CSV or XLSX: rows are written as the database returns them and handed on every few
/// hundred rows, so an export of a million journal lines holds a few hundred rows in memory, never the file.
/// </summary>
public static class TableExport
{
    private const int RowsPerHandOn = 500;

    public static string ContentType(ExportFormat format) => format == ExportFormat.Xlsx
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "text/csv";

    public static string FileName(ExportTable table, ExportFormat format) => $"{table.Name}.{(format == ExportFormat.Xlsx ? "xlsx" : "csv")}";

    /// <returns>The number of rows written, the header excepted.</returns>
    public static async Task<long> WriteAsync(ExportTable table, ExportFormat format, Stream output, CancellationToken cancellationToken)
    {
        using var pending = new PendingBytes();
        using var writer = TableWriter.For(format, pending);
        writer.Header(table.Columns);
        long rows = 0;
        await foreach (var row in table.Rows.WithCancellation(cancellationToken))
        {
            writer.Row(row);
            if (++rows % RowsPerHandOn == 0)
            {
                writer.Flush();
                await pending.HandOnAsync(output, cancellationToken);
            }
        }

        writer.Complete();
        await pending.HandOnAsync(output, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return rows;
    }
}

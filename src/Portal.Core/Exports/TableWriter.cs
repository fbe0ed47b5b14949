namespace Portal.Core.Exports;

/// <summary>Writes a table in one format into <see cref="PendingBytes"/>; <see cref="TableExport"/> hands the bytes on.</summary>
internal abstract class TableWriter : IDisposable
{
    public abstract void Header(IReadOnlyList<string> columns);

    public abstract void Row(Cell[] cells);

    /// <summary>Pushes what the writer holds into its pending bytes (not necessarily everything a compressor holds).</summary>
    public abstract void Flush();

    /// <summary>Writes the file's end: after it the pending bytes hold the whole rest of the file.</summary>
    public abstract void Complete();

    public abstract void Dispose();

    public static TableWriter For(ExportFormat format, PendingBytes output) => format switch
    {
        ExportFormat.Xlsx => new XlsxTableWriter(output),
        _ => new CsvTableWriter(output),
    };
}

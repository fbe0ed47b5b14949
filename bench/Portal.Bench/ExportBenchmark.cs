using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Exports;

namespace Portal.Bench;

/// <summary>
/// The <c>export</c> command: the whole journal (N lines) streamed to a CSV file, then to an XLSX file, as the exports
/// page streams it to a browser. The peak is the process's working set across both.
/// </summary>
public static class ExportBenchmark
{
    public static Task<BenchResult> RunAsync(LedgerSettings settings, TextWriter progress, CancellationToken cancellationToken) =>
        LedgerBench.RunAsync(settings, progress, async (provider, _, folder) =>
        {
            var peakReset = PeakMemory.Reset();
            var total = Stopwatch.StartNew();
            var csv = await ExportAsync(provider, ExportFormat.Csv, Path.Combine(folder, "journal.csv"), cancellationToken);
            var xlsx = await ExportAsync(provider, ExportFormat.Xlsx, Path.Combine(folder, "journal.xlsx"), cancellationToken);
            var seconds = total.Elapsed.TotalSeconds;
            var peak = PeakMemory.PeakMiB();
            var clean = csv.Rows == xlsx.Rows && csv.Rows == settings.LedgerLines;
            return new BenchResult(
            [
                new("seconds", BenchResult.Number(seconds, "0.000")),
                new("peak_mb", BenchResult.Number(peak, "0.0")),
                new("lines", BenchResult.Number(csv.Rows)),
                new("csv_seconds", BenchResult.Number(csv.Seconds, "0.000")),
                new("csv_mb", BenchResult.Number(csv.Bytes / 1048576.0, "0.0")),
                new("xlsx_seconds", BenchResult.Number(xlsx.Seconds, "0.000")),
                new("xlsx_mb", BenchResult.Number(xlsx.Bytes / 1048576.0, "0.0")),
                new("xlsx_lines", BenchResult.Number(xlsx.Rows)),
                new("peak_reset", peakReset ? "true" : "false"),
            ], clean);
        }, cancellationToken);

    private static async Task<(long Rows, double Seconds, long Bytes)> ExportAsync(
        IServiceProvider provider,
        ExportFormat format,
        string path,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var scope = provider.CreateAsyncScope();
        var table = scope.ServiceProvider.GetRequiredService<Exports>().Table(ExportKind.Journal, new ExportFilter(null, null));
        long rows;
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            rows = await TableExport.WriteAsync(table, format, file, cancellationToken);
        }

        return (rows, clock.Elapsed.TotalSeconds, new FileInfo(path).Length);
    }
}

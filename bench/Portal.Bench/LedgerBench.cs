using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Funds;

namespace Portal.Bench;

/// <summary>What the <c>statement</c> and <c>export</c> commands share: a new SQLite file, migrated, demo funds, N journal lines.</summary>
internal static class LedgerBench
{
    public static async Task<BenchResult> RunAsync(
        LedgerSettings settings,
        TextWriter progress,
        Func<ServiceProvider, Fund, string, Task<BenchResult>> measure,
        CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var clock = Stopwatch.StartNew();
            await using var provider = BenchPortal.CreateOffline(folder, progress);
            await BenchPortal.PrepareAsync(provider, cancellationToken);
            Say(progress, clock, $"database {folder}; seeding {settings.LedgerLines} journal lines");
            var fund = await SeedLedger.RunAsync(provider, settings.LedgerLines, cancellationToken);
            Say(progress, clock, $"seeded; database file {new FileInfo(Path.Combine(folder, "portal.db")).Length / 1024 / 1024} MiB");
            var result = await measure(provider, fund, folder);
            Say(progress, clock, "done");
            return result;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            // PORTAL_BENCH_KEEP=1 keeps the database, to look at query plans afterwards.
            if (Environment.GetEnvironmentVariable("PORTAL_BENCH_KEEP") != "1")
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    public static void Say(TextWriter progress, Stopwatch clock, string message)
    {
        lock (progress)
        {
            progress.WriteLine($"[{clock.Elapsed.TotalSeconds,7:0.0}s] {message}");
        }
    }
}

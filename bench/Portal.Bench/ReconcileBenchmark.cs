using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Reconciliation;
using Portal.Core.Sponsorships.Runs;

namespace Portal.Bench;

/// <summary>
/// The <c>reconcile</c> command: N gifts charged through the fake Stripe (by the portal's own charge run), one payout
/// of all of them, then time one <see cref="PayoutImport.ImportAsync"/>: every page of balance transactions read
/// from the gateway, each line matched, posted and recorded. Checks every line matched and the ledger balances.
/// </summary>
public static class ReconcileBenchmark
{
    public static async Task<BenchResult> RunAsync(int lines, TextWriter progress, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            return await RunInAsync(folder, lines, progress, cancellationToken);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<BenchResult> RunInAsync(string folder, int lines, TextWriter progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var settings = new ChargesSettings(lines, 0, null, 16, 500);
        await using var stripe = await FakeStripeProcess.StartAsync(cancellationToken);
        await using var provider = BenchPortal.Create(folder, settings, stripe, progress);
        await BenchPortal.PrepareAsync(provider, cancellationToken);
        progress.WriteLine($"[{clock.Elapsed.TotalSeconds,7:0.0}s] charging {lines} gifts at the fake Stripe");
        var customers = await StripeCustomers.CreateAsync(stripe, lines, cancellationToken);
        await SeedSponsorships.RunAsync(provider, customers, cancellationToken);
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ChargeRunner>().RunAsync("bench", cancellationToken);
        }

        var payoutId = await stripe.PayOutAsync("eur", cancellationToken);
        progress.WriteLine($"[{clock.Elapsed.TotalSeconds,7:0.0}s] reconciling payout {payoutId}");

        var peakReset = PeakMemory.Reset();
        var run = Stopwatch.StartNew();
        PayoutImportResult imported;
        await using (var scope = provider.CreateAsyncScope())
        {
            imported = await scope.ServiceProvider.GetRequiredService<PayoutImport>().ImportAsync("stripe", payoutId, cancellationToken);
        }

        var seconds = run.Elapsed.TotalSeconds;
        var peak = PeakMemory.PeakMiB();
        await using var db = await provider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);
        var unbalanced = await db.JournalLines.GroupBy(l => l.Currency).Where(g => g.Sum(l => l.AmountMinor) != 0).CountAsync(cancellationToken);
        var figures = new List<KeyValuePair<string, string>>
        {
            new("lines", BenchResult.Number(imported.Lines)),
            new("seconds", BenchResult.Number(seconds, "0.000")),
            new("rate_per_s", BenchResult.Number(imported.Lines / seconds, "0.0")),
            new("peak_mb", BenchResult.Number(peak, "0.0")),
            new("matched", BenchResult.Number(imported.Matched)),
            new("exceptions", BenchResult.Number(imported.Exceptions)),
            new("ledger_balanced", unbalanced == 0 ? "true" : "false"),
            new("peak_reset", peakReset ? "true" : "false"),
        };
        return new BenchResult(figures, imported.Lines == lines && imported.Matched == lines && unbalanced == 0);
    }
}

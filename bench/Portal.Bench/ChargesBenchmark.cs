using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Sponsorships.Runs;

namespace Portal.Bench;

/// <summary>
/// The <c>charges</c> command: seed N sponsorships due today, then time one <see cref="ChargeRunner.RunAsync"/> and
/// nothing else, and check that every period was charged once, recorded once, and the ledger balances.
/// </summary>
public static class ChargesBenchmark
{
    public static async Task<BenchResult> RunAsync(ChargesSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            return await RunInAsync(folder, settings, progress, cancellationToken);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<BenchResult> RunInAsync(
        string folder,
        ChargesSettings settings,
        TextWriter progress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var stripe = await FakeStripeProcess.StartAsync(cancellationToken);
        await using var provider = BenchPortal.Create(folder, settings, stripe, progress);
        await BenchPortal.PrepareAsync(provider, cancellationToken);
        Say(progress, clock, $"fake Stripe at {stripe.BaseUrl}; database {folder}; creating {settings.Sponsorships} customers");
        var customers = await StripeCustomers.CreateAsync(stripe, settings.Sponsorships, cancellationToken);
        Say(progress, clock, "seeding donors and sponsorships");
        var today = await SeedSponsorships.RunAsync(provider, customers, cancellationToken);
        customers = [];
        await stripe.SetLatencyAsync(settings.LatencyMs, cancellationToken);
        Say(
            progress,
            clock,
            $"charging {settings.Sponsorships} due on {today:yyyy-MM-dd}: latency {settings.LatencyMs} ms, "
                + $"rate {settings.RequestsPerSecond}/s, concurrency {settings.Concurrency}, batch {settings.BatchSize}");

        var peakReset = PeakMemory.Reset();
        using var latency = new GatewayLatency();
        var run = Stopwatch.StartNew();
        ChargeRun charged;
        await using (var scope = provider.CreateAsyncScope())
        {
            charged = await scope.ServiceProvider.GetRequiredService<ChargeRunner>().RunAsync("bench", cancellationToken);
        }

        var seconds = run.Elapsed.TotalSeconds;
        var peak = PeakMemory.PeakMiB();
        Say(
            progress,
            clock,
            $"run {charged.Id} {charged.Status} in {seconds:0.00} s: due {charged.Due}, succeeded {charged.Succeeded}, "
                + $"failed {charged.Failed}, unresolved {charged.Unresolved}{(charged.Error is null ? "" : ", error: " + charged.Error)}");

        var intents = await stripe.PaymentIntentsAsync(folder, cancellationToken);
        ChargeRunCheck check;
        await using (var db = await provider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            check = await ChargeRunCheck.ReadAsync(db, today, intents, cancellationToken);
        }

        Say(
            progress,
            clock,
            $"read back: {check.Succeeded} succeeded, {intents.Count} PaymentIntents at the fake, {check.ReceiptsQueued} receipts queued");
        return Result(settings, charged, check, seconds, peak, peakReset, latency);
    }

    private static BenchResult Result(
        ChargesSettings settings,
        ChargeRun run,
        ChargeRunCheck check,
        double seconds,
        double peak,
        bool peakReset,
        GatewayLatency latency)
    {
        var rate = check.Succeeded / seconds;
        var figures = new List<KeyValuePair<string, string>>
        {
            new("sponsorships", BenchResult.Number(settings.Sponsorships)),
            new("seconds", BenchResult.Number(seconds, "0.000")),
            new("rate_per_s", BenchResult.Number(rate, "0.0")),
            new("peak_mb", BenchResult.Number(peak, "0.0")),
            new("double_charges", BenchResult.Number(check.DoubleCharges)),
            new("missed", BenchResult.Number(check.Missed)),
            new("limit_use_pct", settings.Rate is { } limit ? BenchResult.Number(rate / limit * 100, "0.0") : "na"),
            new("succeeded", BenchResult.Number(check.Succeeded)),
            new("unrecorded", BenchResult.Number(check.Unrecorded)),
            new("ledger_balanced", check.UnbalancedCurrencies == 0 ? "true" : "false"),
            new("receipts", BenchResult.Number(check.ReceiptsQueued)),
            new("run_status", run.Status.ToString()),
            new("p50_ms", BenchResult.Number(latency.PercentileMs(50), "0.0")),
            new("p99_ms", BenchResult.Number(latency.PercentileMs(99), "0.0")),
            new("requests", BenchResult.Number(latency.Count)),
            new("latency_ms", BenchResult.Number(settings.LatencyMs)),
            new("rate", settings.Rate is { } r ? BenchResult.Number(r) : "unpaced"),
            new("concurrency", BenchResult.Number(settings.Concurrency)),
            new("batch_size", BenchResult.Number(settings.BatchSize)),
            new("peak_reset", peakReset ? "true" : "false"),
        };
        var clean = check.DoubleCharges == 0 && check.Missed == 0 && check.Unrecorded == 0 && check.UnbalancedCurrencies == 0;
        return new BenchResult(figures, clean);
    }

    private static void Say(TextWriter progress, Stopwatch clock, string message)
    {
        lock (progress)
        {
            progress.WriteLine($"[{clock.Elapsed.TotalSeconds,7:0.0}s] {message}");
        }
    }
}

using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Sponsorships.Runs;

namespace Portal.Bench;

/// <summary>
/// One charge figure of the <c>nodes</c> command: with the given number of workers running (and no other), N new
/// sponsorships due today, one charge run started as the schedule starts it, timed from the database's own record of
/// it until every part of it has ended; then the once-only checks over everything charged so far.
/// </summary>
internal static class ChargePhase
{
    /// <param name="Seconds">From the first part's start to the last part's end, as the runs recorded them.</param>
    /// <param name="RunWorkers">Distinct worker processes that claimed periods in the phase's runs (their parts).</param>
    public sealed record Figures(
        string Name,
        int Charged,
        double Seconds,
        double WallSeconds,
        int RunRecords,
        int RunWorkers,
        bool Finished,
        ChargeRunCheck Check,
        IReadOnlyList<(string Name, double Seconds)> Cpu,
        double PeakMb)
    {
        public double Rate => Seconds > 0 ? Charged / Seconds : 0;
    }

    public static async Task<Figures> RunAsync(
        BenchNodes nodes, string name, int workers, int latencyMs, int succeededBefore, string folder, CancellationToken cancellationToken)
    {
        await nodes.UseWorkersAsync(workers, cancellationToken);
        await nodes.Stripe.SetLatencyAsync(latencyMs, cancellationToken);
        var today = await SeedSponsorships.RunAsync(nodes.Portal, nodes.Customers, cancellationToken, $"{name}-");
        long before;
        await using (var db = nodes.CreateContext())
        {
            before = await db.ChargeRuns.MaxAsync(r => (long?)r.Id, cancellationToken) ?? 0;
        }

        // The bench's peak while the run runs: seeding does not count.
        PeakMemory.Reset();
        var cpu = nodes.Cpu.Start();
        var wall = Stopwatch.StartNew();
        nodes.TriggerChargeRun();
        var runs = await WaitForRunsAsync(nodes, before, workers, cancellationToken);
        var wallSeconds = wall.Elapsed.TotalSeconds;
        var used = cpu();
        var peak = PeakMemory.PeakMiB();

        var intents = await nodes.Stripe.PaymentIntentsAsync(folder, cancellationToken);
        ChargeRunCheck check;
        int partWorkers;
        await using (var db = nodes.CreateContext())
        {
            check = await ChargeRunCheck.ReadAsync(db, today, intents, cancellationToken);
            var ids = runs.Select(r => r.Id).ToList();
            partWorkers = await db.ChargeRunParts.Where(p => ids.Contains(p.RunId) && p.Claimed > 0)
                .Select(p => p.Worker).Distinct().CountAsync(cancellationToken);
        }

        var seconds = (runs.Max(r => r.FinishedAt ?? r.LastProgressAt) - runs.Min(r => r.StartedAt)).TotalSeconds;
        return new Figures(
            name,
            check.Succeeded - succeededBefore,
            seconds,
            wallSeconds,
            runs.Count,
            partWorkers,
            runs.All(r => r.Status == ChargeRunStatus.Finished),
            check,
            used,
            peak);
    }

    /// <summary>Every run record started after <paramref name="before"/>, once there is one and none is still running.</summary>
    private static async Task<List<ChargeRun>> WaitForRunsAsync(BenchNodes nodes, long before, int workers, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            await using (var db = nodes.CreateContext())
            {
                var runs = await db.ChargeRuns.AsNoTracking().Where(r => r.Id > before).ToListAsync(cancellationToken);
                if (runs.Count > 0 && runs.All(r => r.Status != ChargeRunStatus.Running))
                {
                    return runs;
                }

                if (runs.Count == 0 && started.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw new TimeoutException($"No worker started the charge run within 2 minutes.{Environment.NewLine}{nodes.Output()}");
                }

                // A run records progress with every batch; one silent for minutes is stuck, and so is the bench.
                if (runs.Any(r => r.Status == ChargeRunStatus.Running && r.LastProgressAt < DateTime.UtcNow.AddMinutes(-5)))
                {
                    throw new TimeoutException($"A charge run made no progress for 5 minutes.{Environment.NewLine}{nodes.Output()}");
                }
            }

            if (nodes.Stopped(workers) is { } stopped)
            {
                throw new InvalidOperationException($"{stopped} during a charge run.{Environment.NewLine}{nodes.Output()}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }
}

using System.Diagnostics;

namespace Portal.Bench;

/// <summary>
/// The <c>nodes</c> command: the portal as separate web and worker processes on PostgreSQL (<see cref="BenchNodes"/>).
/// Each charge figure is measured with one worker and then with all, in the same run: latency-bound (the fake Stripe
/// answering in L ms) and CPU-bound (no latency), each phase charging N new due sponsorships; then gifts started
/// through one web node and through all. After each charge phase every period so far is checked once-only.
/// </summary>
public static class NodesBenchmark
{
    public static async Task<BenchResult> RunAsync(NodesSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var folder = Path.Combine(Path.GetTempPath(), "portal-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            LedgerBench.Say(progress, clock, $"starting {settings.WebNodes} web node(s) and a worker on PostgreSQL; {settings.Donors} customers");
            await using var nodes = await BenchNodes.StartAsync(settings, folder, progress, cancellationToken);
            var charges = new List<ChargePhase.Figures>();
            foreach (var (variant, latency) in new[] { ("latency", settings.LatencyMs), ("cpu", 0) })
            {
                foreach (var workers in settings.Workers == 1 ? [1] : new[] { 1, settings.Workers })
                {
                    var name = $"{variant}_{workers}w";
                    LedgerBench.Say(progress, clock, $"{name}: {workers} worker(s), latency {latency} ms, seeding {settings.Donors} due");
                    var phase = await ChargePhase.RunAsync(
                        nodes, name, workers, latency, charges.LastOrDefault()?.Check.Succeeded ?? 0, folder, cancellationToken);
                    charges.Add(phase);
                    LedgerBench.Say(progress, clock, Describe(phase));
                }
            }

            var gifts = await GiftsAsync(nodes, settings, progress, clock, cancellationToken);
            // Peaks are reset before each measured part (on Linux; elsewhere they include seeding).
            return NodesResult.Create(settings, charges, gifts, PeakMemory.Reset());
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the temporary folder's own clean-up.
            }
        }
    }

    private static async Task<List<NodesResult.Gifts>> GiftsAsync(
        BenchNodes nodes, NodesSettings settings, TextWriter progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        var clients = nodes.Web.Select(web => LoadClient.Create(web.Address!, settings.Connections)).ToList();
        try
        {
            // Every page and query compiled on every node before anything is timed.
            var warmUpTime = TimeSpan.FromSeconds(Math.Min(3, settings.GiftSeconds));
            var warmUp = await GiftLoad.RunAsync(clients, settings.Connections, warmUpTime, 0, cancellationToken);
            LedgerBench.Say(progress, clock, $"gifts warm-up: {warmUp.Gifts} started, {warmUp.Errors} errors{Example(warmUp)}");
            var figures = new List<NodesResult.Gifts>();
            foreach (var count in settings.WebNodes == 1 ? [1] : new[] { 1, settings.WebNodes })
            {
                PeakMemory.Reset();
                var cpu = nodes.Cpu.Start();
                var load = await GiftLoad.RunAsync(
                    clients.Take(count).ToList(), settings.Connections, TimeSpan.FromSeconds(settings.GiftSeconds), count, cancellationToken);
                var used = cpu();
                var name = $"gifts_{count}web";
                figures.Add(new NodesResult.Gifts(name, load, used, PeakMemory.PeakMiB()));
                LedgerBench.Say(
                    progress,
                    clock,
                    $"{name}: {load.GiftsPerSecond:0.0}/s ({load.Gifts} in {settings.GiftSeconds} s on {settings.Connections} connections), "
                        + $"p50 {load.P50Ms:0.0} ms, p99 {load.P99Ms:0.0} ms, {load.Errors} errors{Example(load)}; cpu s: {Cpu(used)}");
            }

            return figures;
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }

    private static string Describe(ChargePhase.Figures phase) =>
        $"{phase.Name}: {phase.Charged} charged in {phase.Seconds:0.00} s by the run ({phase.WallSeconds:0.0} s from the trigger): "
            + $"{phase.Rate:0.0}/s; {phase.RunRecords} run record(s) on {phase.RunWorkers} worker(s), "
            + $"{(phase.Finished ? "finished" : "NOT finished")}; double {phase.Check.DoubleCharges}, missed {phase.Check.Missed}, "
            + $"unrecorded {phase.Check.Unrecorded}; cpu s: {Cpu(phase.Cpu)}";

    private static string Example(GiftLoad.Figures load) => load.FirstError is { } error ? $" (the first: {error})" : "";

    internal static string Cpu(IReadOnlyList<(string Name, double Seconds)> used) =>
        string.Join(", ", used.Select(u => $"{u.Name} {u.Seconds:0.0}"));
}

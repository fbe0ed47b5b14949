namespace Portal.Bench;

/// <summary>The <c>nodes</c> command's <c>result:</c> line, and whether every period was charged exactly once.</summary>
internal static class NodesResult
{
    /// <summary>Charges per second with all workers over one, latency-bound: the target.</summary>
    public const double ScaleTarget = 1.8;

    /// <param name="PeakMb">The bench's own peak working set during the load.</param>
    public sealed record Gifts(string Name, GiftLoad.Figures Figures, IReadOnlyList<(string Name, double Seconds)> Cpu, double PeakMb);

    public static BenchResult Create(NodesSettings settings, IReadOnlyList<ChargePhase.Figures> charges, IReadOnlyList<Gifts> gifts, bool peakReset)
    {
        var figures = new List<KeyValuePair<string, string>>
        {
            new("donors", BenchResult.Number(settings.Donors)),
            new("web", BenchResult.Number(settings.WebNodes)),
            new("workers", BenchResult.Number(settings.Workers)),
            new("latency_ms", BenchResult.Number(settings.LatencyMs)),
        };
        foreach (var phase in charges)
        {
            figures.Add(new($"{phase.Name}_rate_per_s", BenchResult.Number(phase.Rate, "0.0")));
            figures.Add(new($"{phase.Name}_seconds", BenchResult.Number(phase.Seconds, "0.00")));
            figures.Add(new($"{phase.Name}_run_workers", BenchResult.Number(phase.RunWorkers)));
            figures.Add(new($"{phase.Name}_busy_workers", BenchResult.Number(BusyWorkers(phase.Cpu))));
        }

        var scale = Ratio(charges, "latency");
        figures.Add(new("scale_ratio", scale is { } s ? BenchResult.Number(s, "0.00") : "na"));
        figures.Add(new("scale_target_met", scale >= ScaleTarget ? "true" : "false"));
        figures.Add(new("cpu_ratio", Ratio(charges, "cpu") is { } c ? BenchResult.Number(c, "0.00") : "na"));
        foreach (var (name, load, _, _) in gifts)
        {
            figures.Add(new($"{name}_per_s", BenchResult.Number(load.GiftsPerSecond, "0.0")));
            figures.Add(new($"{name}_p99_ms", BenchResult.Number(load.P99Ms, "0.0")));
        }

        figures.Add(new("gifts_ratio", gifts.Count > 1 && gifts[0].Figures.GiftsPerSecond > 0
            ? BenchResult.Number(gifts[^1].Figures.GiftsPerSecond / gifts[0].Figures.GiftsPerSecond, "0.00")
            : "na"));
        var doubles = charges.Max(p => p.Check.DoubleCharges);
        var missed = charges.Max(p => p.Check.Missed);
        var unrecorded = charges.Max(p => p.Check.Unrecorded);
        var balanced = charges.All(p => p.Check.UnbalancedCurrencies == 0);
        var giftErrors = gifts.Sum(g => g.Figures.Errors);
        figures.Add(new("double_charges", BenchResult.Number(doubles)));
        figures.Add(new("missed", BenchResult.Number(missed)));
        figures.Add(new("unrecorded", BenchResult.Number(unrecorded)));
        figures.Add(new("ledger_balanced", balanced ? "true" : "false"));
        figures.Add(new("runs_finished", charges.All(p => p.Finished) ? "true" : "false"));
        figures.Add(new("gift_errors", BenchResult.Number(giftErrors)));
        figures.Add(new("peak_mb", BenchResult.Number(charges.Select(p => p.PeakMb).Concat(gifts.Select(g => g.PeakMb)).Max(), "0.0")));
        figures.Add(new("peak_reset", peakReset ? "true" : "false"));
        // Where the time went: CPU seconds per kind of process in each phase (per node in the progress lines).
        foreach (var (name, cpu) in charges.Select(p => (p.Name, p.Cpu)).Concat(gifts.Select(g => (g.Name, g.Cpu))))
        {
            foreach (var kind in new[] { "web", "worker", "stripe", "postgres", "bench" })
            {
                var seconds = cpu.Where(u => u.Name.StartsWith(kind, StringComparison.Ordinal)).Sum(u => u.Seconds);
                figures.Add(new($"{name}_cpu_{kind}", BenchResult.Number(seconds, "0.0")));
            }
        }

        var clean = doubles == 0 && missed == 0 && unrecorded == 0 && balanced && charges.All(p => p.Finished) && giftErrors == 0;
        return new BenchResult(figures, clean);
    }

    /// <summary>
    /// Workers that used at least a fifth of the busiest worker's CPU in a phase: those that took part in its run,
    /// whatever the run's own records say.
    /// </summary>
    private static int BusyWorkers(IReadOnlyList<(string Name, double Seconds)> cpu)
    {
        var workers = cpu.Where(u => u.Name.StartsWith("worker", StringComparison.Ordinal)).Select(u => u.Seconds).ToList();
        var busiest = workers.DefaultIfEmpty(0).Max();
        return busiest > 0 ? workers.Count(seconds => seconds >= busiest / 5) : 0;
    }

    /// <summary>The last phase's rate over the first's in a variant with more than one phase (all workers over one).</summary>
    private static double? Ratio(IReadOnlyList<ChargePhase.Figures> charges, string variant)
    {
        var phases = charges.Where(p => p.Name.StartsWith(variant + "_", StringComparison.Ordinal)).ToList();
        return phases.Count > 1 && phases[0].Rate > 0 ? phases[^1].Rate / phases[0].Rate : null;
    }
}

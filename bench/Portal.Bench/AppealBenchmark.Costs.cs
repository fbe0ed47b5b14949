using System.Diagnostics;
using System.Runtime;
using Portal.Core.Data;

namespace Portal.Bench;

/// <summary>
/// Where the appeal's time goes: SQLite's one writer held per gift and per event, each phase's CPU and JIT, and the SQL
/// commands sent per form, per delivery and per applied event.
/// </summary>
public static partial class AppealBenchmark
{
    /// <summary>SQLite's one writer: how long each gift and each applied event (with the webhook's stores) held it.</summary>
    private static List<KeyValuePair<string, string>> WriterFigures(
        TextWriter progress,
        Stopwatch clock,
        (SqliteWriterUsage BeforeGifts, SqliteWriterUsage AfterGifts, SqliteWriterUsage BeforeBurst, SqliteWriterUsage AfterApply) usage,
        long gifts,
        long events,
        double applySeconds)
    {
        var giftsHeld = usage.AfterGifts.Held - usage.BeforeGifts.Held;
        var applyHeld = usage.AfterApply.Held - usage.BeforeBurst.Held;
        var giftsHandoff = usage.AfterGifts.HandedOver - usage.BeforeGifts.HandedOver;
        var applyHandoff = usage.AfterApply.HandedOver - usage.BeforeBurst.HandedOver;
        LedgerBench.Say(
            progress,
            clock,
            $"SQLite writer held {giftsHeld.TotalSeconds:0.0} s for the gifts ({usage.AfterGifts.Holds - usage.BeforeGifts.Holds} times), "
                + $"{applyHeld.TotalSeconds:0.0} s for the burst and applying ({usage.AfterApply.Holds - usage.BeforeBurst.Holds} times, "
                + $"{applyHeld.TotalSeconds / Math.Max(applySeconds, 0.001) * 100:0}% of the time applying took); "
                + $"taken but idle while handed from one writer to the next: {giftsHandoff.TotalSeconds:0.0} s for the gifts, "
                + $"{applyHandoff.TotalSeconds:0.0} s for the burst and applying");
        return
        [
            new("writer_ms_per_gift", BenchResult.Number(giftsHeld.TotalMilliseconds / Math.Max(1, gifts), "0.00")),
            new("writer_ms_per_event", BenchResult.Number(applyHeld.TotalMilliseconds / Math.Max(1, events), "0.00")),
            new("writer_handoff_ms_per_gift", BenchResult.Number(giftsHandoff.TotalMilliseconds / Math.Max(1, gifts), "0.00")),
            new("writer_handoff_ms_per_event", BenchResult.Number(applyHandoff.TotalMilliseconds / Math.Max(1, events), "0.00")),
        ];
    }

    /// <summary>
    /// SQLite's writer in the burst and applying, by whose work held it: the applying's transactions, the webhook's stores,
    /// and the rest (the receipts' sending, the appliers' claims and leases), per applied event.
    /// </summary>
    private static List<KeyValuePair<string, string>> WriterHoldFigures(
        TextWriter progress,
        Stopwatch clock,
        Dictionary<string, (long Holds, long Ticks)> before,
        Dictionary<string, (long Holds, long Ticks)> after,
        long events)
    {
        var figures = new List<KeyValuePair<string, string>>();
        var parts = new List<string>();
        foreach (var who in new[] { SqlCommandCounter.Apply, SqlCommandCounter.Webhook, SqlCommandCounter.Other })
        {
            var holds = after.GetValueOrDefault(who).Holds - before.GetValueOrDefault(who).Holds;
            var ms = TimeSpan.FromTicks(after.GetValueOrDefault(who).Ticks - before.GetValueOrDefault(who).Ticks).TotalMilliseconds;
            parts.Add($"{who} {ms / 1000:0.0} s in {holds} holds ({ms / Math.Max(1, holds):0.00} ms each)");
            figures.Add(new($"writer_{who}_ms_per_event", BenchResult.Number(ms / Math.Max(1, events), "0.00")));
        }

        LedgerBench.Say(progress, clock, $"SQLite writer in the burst and applying, by whose work held it: {string.Join("; ", parts)}");
        return figures;
    }

    /// <summary>SQL commands (and commits) per sponsor form, per webhook delivery, per applied event; listed by statement.</summary>
    private static List<KeyValuePair<string, string>> SqlFigures(
        TextWriter progress,
        Stopwatch clock,
        bool postgres,
        (Dictionary<(string Who, string What), long> BeforeGifts,
            Dictionary<(string Who, string What), long> AfterGifts,
            Dictionary<(string Who, string What), long> BeforeBurst,
            Dictionary<(string Who, string What), long> AfterBurst,
            Dictionary<(string Who, string What), long> AfterApply,
            (Dictionary<(string Who, string What), long> Before, Dictionary<(string Who, string What), long> After) Times) at,
        (long Commit, long Totals)[] applyCommits,
        long gifts,
        long deliveries,
        long events)
    {
        var figures = new List<KeyValuePair<string, string>>();
        var sponsorSql = SqlCommandCounter.Between(at.BeforeGifts, at.AfterGifts, SqlCommandCounter.Sponsor);
        var webhookSql = SqlCommandCounter.Between(at.BeforeBurst, at.AfterBurst, SqlCommandCounter.Webhook);
        var applySql = SqlCommandCounter.Between(at.BeforeBurst, at.AfterApply, SqlCommandCounter.Apply);
        var otherSql = SqlCommandCounter.Between(at.BeforeBurst, at.AfterApply, SqlCommandCounter.Other);
        Profile(progress, clock, "per sponsor form", sponsorSql, gifts);
        Profile(progress, clock, "per webhook delivery", webhookSql, deliveries);
        Profile(progress, clock, "per applied event, applying", applySql, events);
        figures.AddRange(ApplyTimes(progress, clock, at.Times, applyCommits, events));
        Profile(progress, clock, "per applied event, the rest (claims, leases, Hangfire's jobs, sweeps)", otherSql, events);
        if (postgres)
        {
            // Npgsql's count includes the commands EF Core does not send (the shared rate limit's upsert), not the commits.
            var sent = SqlCommandCounter.Between(at.BeforeGifts, at.AfterGifts, $"{SqlCommandCounter.Sponsor}/npgsql");
            Profile(progress, clock, "per sponsor form as Npgsql sent them", sent, gifts);
            figures.Add(new("npgsql_per_gift", PerItem(sent, gifts)));
        }

        figures.Add(new("sql_per_gift", PerItem(sponsorSql, gifts)));
        figures.Add(new("sql_per_webhook", PerItem(webhookSql, deliveries)));
        figures.Add(new("sql_per_event_applied", PerItem(applySql, events)));
        figures.Add(new("sql_per_event_other", PerItem(otherSql, events)));
        return figures;
    }

    private static SqliteWriterUsage WriterUsage(AppealSettings settings, string connection) =>
        settings.PostgreSql ? default : SqliteWriteGate.Usage(connection);

    /// <summary>
    /// A phase's CPU: milliseconds of every process per item, and how busy the machine's processors were (1 is all of
    /// them for the whole phase). A phase near 1 is bound by the processors, not by a lock or a round trip. The JIT's
    /// share (this process compiling methods: warming up, which a node serving for hours has done) is given apart.
    /// </summary>
    private static List<KeyValuePair<string, string>> CpuFigures(
        TextWriter progress,
        Stopwatch clock,
        string phase,
        IReadOnlyList<(string Name, double Seconds)> used,
        RuntimeUse runtime,
        TimeSpan wall,
        string item,
        long items)
    {
        var seconds = used.Where(u => !double.IsNaN(u.Seconds)).Sum(u => u.Seconds);
        var busy = seconds / (Environment.ProcessorCount * Math.Max(wall.TotalSeconds, 0.001));
        LedgerBench.Say(
            progress,
            clock,
            $"cpu s for the {phase} ({wall.TotalSeconds:0.0} s on {Environment.ProcessorCount} processors, {busy:P0} busy): "
                + $"{NodesBenchmark.Cpu(used)}; of which compiling {runtime.Methods} methods {runtime.Jit.TotalSeconds:0.0}; "
                + $"allocated {runtime.Allocated / 1048576.0:0} MB ({runtime.Allocated / 1024.0 / Math.Max(1, items):0} kB a {item}), "
                + $"collections {runtime.Gen0}/{runtime.Gen1}/{runtime.Gen2}");
        return
        [
            new($"cpu_ms_per_{item}", BenchResult.Number(seconds * 1000 / Math.Max(1, items), "0.00")),
            new($"jit_ms_per_{item}", BenchResult.Number(runtime.Jit.TotalMilliseconds / Math.Max(1, items), "0.00")),
            new($"alloc_kb_per_{item}", BenchResult.Number(runtime.Allocated / 1024.0 / Math.Max(1, items), "0")),
            new($"cpu_busy_{phase}", BenchResult.Number(busy, "0.00")),
        ];
    }

    /// <summary>
    /// What the runtime did in this process, on every thread, during a phase: the JIT's time and the methods it compiled,
    /// the bytes allocated on the managed heap (the portal's, the load client's and the bench's) and the collections of
    /// each generation (a generation's count includes those that went further).
    /// </summary>
    private readonly record struct RuntimeUse(TimeSpan Jit, long Methods, long Allocated, int Gen0, int Gen1, int Gen2)
    {
        public static Func<RuntimeUse> Start()
        {
            var start = Now();
            return () =>
            {
                var end = Now();
                return new RuntimeUse(
                    end.Jit - start.Jit, end.Methods - start.Methods, end.Allocated - start.Allocated, end.Gen0 - start.Gen0,
                    end.Gen1 - start.Gen1, end.Gen2 - start.Gen2);
            };
        }

        private static RuntimeUse Now() => new(
            JitInfo.GetCompilationTime(), JitInfo.GetCompiledMethodCount(), GC.GetTotalAllocatedBytes(), GC.CollectionCount(0),
            GC.CollectionCount(1), GC.CollectionCount(2));
    }

    private static string PerItem(List<(string What, long Count)> counts, long items) =>
        BenchResult.Number(items == 0 ? 0 : counts.Sum(c => c.Count) / (double)items, "0.00");

    /// <summary>
    /// How long the applying's commands took, per applied event: its queries, its writes, its commits. On SQLite the
    /// writes and commits are inside the transaction that holds the writer, and most queries are (those that prepare
    /// an event before it opens are not); the rest of the writer's time an event is the process's own work between
    /// commands (EF Core's, the portal's). EF Core times a commit from its start, so it holds the ledger totals the
    /// portal writes then (whose commands are among the queries and writes too): they are split out.
    /// </summary>
    private static List<KeyValuePair<string, string>> ApplyTimes(
        TextWriter progress,
        Stopwatch clock,
        (Dictionary<(string Who, string What), long> Before, Dictionary<(string Who, string What), long> After) times,
        (long Commit, long Totals)[] commitTicks,
        long events)
    {
        var took = SqlCommandCounter.Between(times.Before, times.After, SqlCommandCounter.Apply);
        double Ms(Func<string, bool> kind) => took.Where(t => kind(t.What)).Sum(t => t.Count) / 10_000.0 / Math.Max(1, events);
        static bool IsRead(string what) => what.StartsWith("SELECT", StringComparison.Ordinal) || what.StartsWith("WITH", StringComparison.Ordinal);
        var (reads, commits) = (Ms(IsRead), Ms(w => w == "COMMIT"));
        var writes = Ms(w => !IsRead(w) && w != "COMMIT");
        var lines = took.Take(12).Select(t => $"    {t.Count / 10_000.0 / Math.Max(1, events),7:0.000} ms  {t.What}");
        // A commit starts with the ledger totals (their commands are counted above too), then the database commits.
        var totals = commitTicks.Sum(c => c.Totals) / 10_000.0 / Math.Max(1, events);
        // A commit that also checkpoints the write-ahead log (SQLite's, every 1,000 pages) or waits on the disk stands out here.
        var sorted = commitTicks.Select(c => c.Commit).Order().ToList();
        double CommitMs(double p) => NearestRank.Milliseconds(sorted, p, empty: 0) * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
        var slowest = sorted.Skip(sorted.Count - (sorted.Count / 100)).Sum() / (double)Math.Max(1, sorted.Sum());
        LedgerBench.Say(
            progress,
            clock,
            $"SQL time per applied event, applying: queries {reads:0.00} ms, writes {writes:0.00} ms, commits {commits:0.00} ms "
                + $"(the ledger totals written as a commit starts {totals:0.00} ms, the database's own commit {commits - totals:0.00} ms)"
                + $"{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{Environment.NewLine}"
                + $"    {sorted.Count} commits: p50 {CommitMs(0.5):0.00} ms, p99 {CommitMs(0.99):0.00} ms, most {CommitMs(1):0.00} ms; "
                + $"the slowest 1% took {slowest:P0} of the commits' time");
        return
        [
            new("apply_commit_p50_ms", BenchResult.Number(CommitMs(0.5), "0.00")),
            new("apply_commit_p99_ms", BenchResult.Number(CommitMs(0.99), "0.00")),
            new("apply_sql_read_ms_per_event", BenchResult.Number(reads, "0.00")),
            new("apply_sql_write_ms_per_event", BenchResult.Number(writes, "0.00")),
            new("apply_sql_commit_ms_per_event", BenchResult.Number(commits, "0.00")),
            new("apply_totals_at_commit_ms_per_event", BenchResult.Number(totals, "0.00")),
            new("apply_db_commit_ms_per_event", BenchResult.Number(commits - totals, "0.00")),
        ];
    }

    private static void Profile(TextWriter progress, Stopwatch clock, string what, List<(string What, long Count)> counts, long items)
    {
        var lines = counts.Take(25).Select(c => $"    {c.Count / (double)Math.Max(1, items),7:0.00}  {c.What}");
        LedgerBench.Say(
            progress,
            clock,
            $"SQL commands {what}: {PerItem(counts, items)} ({items} of them){Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
    }
}

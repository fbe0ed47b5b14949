using System.Globalization;
using Portal.Bench;
using Portal.Testing;

namespace Portal.Bench.Tests;

/// <summary>
/// Keeps the <c>appeal</c> benchmark working on both databases: a few dozen gifts started through the sponsor form, their
/// checkouts completed at the fake Stripe, every event delivered and applied, each gift paid, posted and receipted once.
/// </summary>
[Trait("Category", "BenchSmoke")]
public class AppealBenchmarkTests
{
    [Fact]
    public Task Every_gift_is_started_paid_and_receipted_once_on_sqlite() => RunAsync(postgres: false);

    [SkippableFact]
    public async Task Every_gift_is_started_paid_and_receipted_once_on_postgresql()
    {
        Requires.Available(PostgresServer.ConnectionString is not null, $"PostgreSQL ({PostgresServer.Problem})");
        await RunAsync(postgres: true);
    }

    private static async Task RunAsync(bool postgres)
    {
        using var output = new StringWriter();
        using var progress = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        string[] args = postgres ? ["appeal", "--donors", "60", "--postgres"] : ["appeal", "--donors", "60"];

        var exitCode = await BenchCommands.RunAsync(args, output, progress, timeout.Token);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length > 0 && lines[^1].StartsWith("result: ", StringComparison.Ordinal), progress.ToString());
        var result = BenchResult.Parse(lines[^1]);
        Assert.Equal("60", result["donors"]);
        Assert.Equal(postgres ? "postgresql" : "sqlite", result["provider"]);
        foreach (var zero in new[] { "errors", "gifts_lost", "gifts_doubled", "events_applied_twice", "events_not_applied" })
        {
            Assert.True(result[zero] == "0", $"{zero}={result[zero]}: {progress}");
        }

        Assert.Equal("true", result["ok"]);
        Assert.Equal(0, exitCode);
        // The 30 warm-up gifts are paid and their events applied before the burst, which holds the 60 measured gifts'
        // two events each (checkout.session.completed, payment_intent.succeeded); the checks above cover all 90.
        Assert.Equal(("30", "120"), (result["warmup_gifts"], result["events"]));
        foreach (var figure in new[] { "gifts_started_per_s", "gifts_p99_ms", "static_rps", "events_acknowledged_per_s", "events_ack_p99_ms",
            "events_applied_per_s", "receipt_lag_p50_ms", "receipt_lag_p99_ms", "peak_mb", "sql_per_gift", "sql_per_event_applied" })
        {
            Assert.True(double.Parse(result[figure], CultureInfo.InvariantCulture) > 0, $"{figure}: {progress}");
        }

        // SQLite's one writer was held for every gift and every applied event, by the applying and by the webhook's stores
        // among others; PostgreSQL has no such writer.
        foreach (var figure in new[] { "writer_ms_per_gift", "writer_ms_per_event", "writer_apply_ms_per_event", "writer_webhook_ms_per_event" })
        {
            Assert.True(
                postgres ? !result.ContainsKey(figure) : double.Parse(result[figure], CultureInfo.InvariantCulture) > 0,
                $"{figure}: {progress}");
        }

        // The writer's handover is reported beside its holds on SQLite (it may be 0 when no writer waited).
        foreach (var figure in new[] { "writer_handoff_ms_per_gift", "writer_handoff_ms_per_event" })
        {
            Assert.True(
                postgres ? !result.ContainsKey(figure) : double.Parse(result[figure], CultureInfo.InvariantCulture) >= 0,
                $"{figure}: {progress}");
        }

        // Every process's CPU in each phase: some per gift and per event, and never more than the machine's processors had.
        foreach (var (item, phase) in new[] { ("gift", "gifts"), ("event", "events") })
        {
            var cpu = double.Parse(result[$"cpu_ms_per_{item}"], CultureInfo.InvariantCulture);
            Assert.True(cpu > 0, $"cpu_ms_per_{item}: {progress}");
            Assert.InRange(double.Parse(result[$"cpu_busy_{phase}"], CultureInfo.InvariantCulture), 0.01, 1.1);
            // A smoke run is mostly warming up: the JIT compiled in each phase. Its time is elapsed time, which a busy
            // machine stretches past the CPU it took, hence the margin.
            Assert.InRange(double.Parse(result[$"jit_ms_per_{item}"], CultureInfo.InvariantCulture), 0.001, 2 * cpu);
            // A form or an event allocates at least what its own request and answer hold, and not a gigabyte.
            Assert.InRange(double.Parse(result[$"alloc_kb_per_{item}"], CultureInfo.InvariantCulture), 1, 1024 * 1024);
        }

        Assert.Contains("methods compiled", progress.ToString(), StringComparison.Ordinal);
        Assert.True(result["targets_met"] is "true" or "false", result["targets_met"]);
        // Each commit of the applying is timed: the slowest is at least the median.
        var (median, p99) = (Figure(result, "apply_commit_p50_ms"), Figure(result, "apply_commit_p99_ms"));
        Assert.True(median > 0 && p99 >= median, $"apply_commit_p50_ms={median}, apply_commit_p99_ms={p99}: {progress}");
        // Every commit of the applying here wrote ledger totals first: split out, they are a part of the commit, not all.
        var (totals, own) = (Figure(result, "apply_totals_at_commit_ms_per_event"), Figure(result, "apply_db_commit_ms_per_event"));
        Assert.True(totals > 0 && own > 0, $"apply_totals_at_commit_ms_per_event={totals}, apply_db_commit_ms_per_event={own}: {progress}");
    }

    [Fact]
    public async Task The_floor_runs_the_same_loads_without_the_portal_and_counts_what_it_leaves()
    {
        using var output = new StringWriter();
        using var progress = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        var exitCode = await BenchCommands.RunAsync(["appeal", "--donors", "60", "--floor"], output, progress, timeout.Token);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length > 0 && lines[^1].StartsWith("result: ", StringComparison.Ordinal), progress.ToString());
        var result = BenchResult.Parse(lines[^1]);
        Assert.Equal(0, exitCode);
        Assert.Equal(("true", "true", "none"), (result["floor"], result["ok"], result["provider"]));
        // Every redirect went to a checkout at the fake, and every event of the 90 paid checkouts was verified and answered;
        // the burst holds the 60 measured ones' events.
        Assert.Equal(("0", "0", "0"), (result["errors"], result["gifts_lost"], result["events_not_verified"]));
        Assert.Equal(("30", "120"), (result["warmup_gifts"], result["events"]));
        foreach (var figure in new[] { "gifts_started_per_s", "gifts_p99_ms", "static_rps", "events_acknowledged_per_s", "events_ack_p99_ms",
            "peak_mb", "cpu_ms_per_gift", "cpu_ms_per_event" })
        {
            Assert.True(Figure(result, figure) > 0, $"{figure}: {progress}");
        }

        // What is left is the target's CPU on this machine's processors less the floor's own, to the cent of a millisecond.
        Assert.Equal(
            (Environment.ProcessorCount * 1000.0 / 500) - Figure(result, "cpu_ms_per_gift"), Figure(result, "left_cpu_ms_per_gift_at_500"), 0.011);
        Assert.Equal(
            (Environment.ProcessorCount * 1000.0 / 1000) - Figure(result, "cpu_ms_per_event"),
            Figure(result, "left_cpu_ms_per_event_at_1000"),
            0.011);
        // No portal, no database: none of the portal's figures.
        Assert.False(result.ContainsKey("events_applied_per_s") || result.ContainsKey("sql_per_gift") || result.ContainsKey("targets_met"));
    }

    [Theory]
    [InlineData("--postgres")]
    [InlineData("--allocations")]
    public async Task The_floor_refuses_the_options_of_the_portal_s_run(string option)
    {
        using var output = new StringWriter();
        using var progress = new StringWriter();

        var exitCode = await BenchCommands.RunAsync(["appeal", "--floor", option], output, progress);

        Assert.Equal(2, exitCode);
        Assert.Contains("--floor runs without the portal", progress.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    private static double Figure(IReadOnlyDictionary<string, string> result, string name) =>
        double.Parse(result[name], CultureInfo.InvariantCulture);
}

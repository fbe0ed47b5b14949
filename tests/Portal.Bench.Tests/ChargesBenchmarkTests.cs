using Portal.Bench;

namespace Portal.Bench.Tests;

/// <summary>Keeps the benchmark from rotting: its <c>charges</c> command, in-process, on a small run.</summary>
[Trait("Category", "BenchSmoke")]
public class ChargesBenchmarkTests
{
    [Fact]
    public async Task The_charges_command_charges_every_due_period_once_and_says_so_on_its_last_line()
    {
        using var output = new StringWriter();
        using var progress = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var exitCode = await BenchCommands.RunAsync(
            ["charges", "--sponsorships", "200", "--latency-ms", "0", "--batch-size", "50"], output, progress, timeout.Token);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length > 0 && lines[^1].StartsWith("result: ", StringComparison.Ordinal), progress.ToString());
        var result = BenchResult.Parse(lines[^1]);
        Assert.Equal("200", result["sponsorships"]);
        Assert.Equal("0", result["double_charges"]);
        Assert.Equal("0", result["missed"]);
        Assert.Equal("true", result["ledger_balanced"]);
        Assert.Equal(0, exitCode);
    }
}

/// <summary>The <c>reconcile</c> command on a small payout.</summary>
[Trait("Category", "BenchSmoke")]
public class ReconcileBenchmarkTests
{
    [Fact]
    public async Task The_reconcile_command_matches_every_line_of_the_payout_and_says_so_on_its_last_line()
    {
        using var output = new StringWriter();
        using var progress = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var exitCode = await BenchCommands.RunAsync(["reconcile", "--lines", "150"], output, progress, timeout.Token);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length > 0 && lines[^1].StartsWith("result: ", StringComparison.Ordinal), progress.ToString());
        var result = BenchResult.Parse(lines[^1]);
        Assert.Equal("150", result["lines"]);
        Assert.Equal("150", result["matched"]);
        Assert.Equal("0", result["exceptions"]);
        Assert.Equal("true", result["ledger_balanced"]);
        Assert.Equal(0, exitCode);
    }
}

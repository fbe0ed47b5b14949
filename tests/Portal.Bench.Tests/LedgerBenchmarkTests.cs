using Portal.Bench;

namespace Portal.Bench.Tests;

/// <summary>Keeps the <c>statement</c> and <c>export</c> benchmarks working, on a small ledger.</summary>
[Trait("Category", "BenchSmoke")]
public class LedgerBenchmarkTests
{
    [Theory]
    [InlineData("statement")]
    [InlineData("export")]
    public async Task The_command_seeds_exactly_the_lines_asked_for_and_says_so_on_its_last_line(string command)
    {
        using var output = new StringWriter();
        using var progress = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var exitCode = await BenchCommands.RunAsync([command, "--ledger-lines", "3001"], output, progress, timeout.Token);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length > 0 && lines[^1].StartsWith("result: ", StringComparison.Ordinal), progress.ToString());
        var result = BenchResult.Parse(lines[^1]);
        Assert.Equal("3001", result["lines"]);
        Assert.True(double.Parse(result["seconds"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(double.Parse(result["peak_mb"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task A_bad_option_is_refused_with_the_usage()
    {
        using var output = new StringWriter();
        using var progress = new StringWriter();

        Assert.Equal(2, await BenchCommands.RunAsync(["statement", "--ledger-lines", "many"], output, progress));
        Assert.Contains("--ledger-lines N", progress.ToString(), StringComparison.Ordinal);
    }
}

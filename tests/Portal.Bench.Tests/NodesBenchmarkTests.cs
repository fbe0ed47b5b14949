using System.Globalization;
using Portal.Bench;
using Portal.Testing;

namespace Portal.Bench.Tests;

/// <summary>
/// Keeps the <c>nodes</c> benchmark working: two web nodes and two workers as processes on PostgreSQL (PORTAL_TEST_POSTGRES
/// in CI, else a throw-away server), a few hundred charges per phase and a short gift load.
/// </summary>
[Trait("Category", "BenchSmoke")]
public class NodesBenchmarkTests
{
    [SkippableFact]
    public async Task Every_phase_charges_each_period_once_and_every_rate_is_positive()
    {
        Requires.Available(PostgresServer.ConnectionString is not null, $"PostgreSQL ({PostgresServer.Problem})");
        using var output = new StringWriter();
        using var progress = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        var exitCode = await BenchCommands.RunAsync(
            ["nodes", "--web", "2", "--workers", "2", "--donors", "200", "--gift-seconds", "2", "--connections", "8"],
            output,
            progress,
            timeout.Token);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length > 0 && lines[^1].StartsWith("result: ", StringComparison.Ordinal), progress.ToString());
        var result = BenchResult.Parse(lines[^1]);
        Assert.Equal("0", result["double_charges"]);
        Assert.Equal("0", result["missed"]);
        Assert.Equal("0", result["unrecorded"]);
        Assert.Equal("0", result["gift_errors"]);
        Assert.Equal("true", result["runs_finished"]);
        foreach (var rate in new[] { "latency_1w_rate_per_s", "latency_2w_rate_per_s", "cpu_1w_rate_per_s", "cpu_2w_rate_per_s",
            "gifts_1web_per_s", "gifts_2web_per_s" })
        {
            Assert.True(double.Parse(result[rate], CultureInfo.InvariantCulture) > 0, $"{rate}: {progress}");
        }

        Assert.True(double.Parse(result["scale_ratio"], CultureInfo.InvariantCulture) > 0, progress.ToString());
        Assert.Equal(0, exitCode);
    }
}

using System.Globalization;
using Portal.Bench;

namespace Portal.Bench.Tests;

/// <summary>Keeps the <c>donors</c> benchmark working: a few thousand donors, a few requests of each kind, every answer right.</summary>
[Trait("Category", "BenchSmoke")]
public class DonorsBenchmarkTests
{
    [Fact]
    public async Task Every_search_and_the_donor_page_are_timed_and_every_answer_names_the_donor()
    {
        using var output = new StringWriter();
        using var progress = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var exitCode = await BenchCommands.RunAsync(["donors", "--donors", "3000", "--requests", "10"], output, progress, timeout.Token);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length > 0 && lines[^1].StartsWith("result: ", StringComparison.Ordinal), progress.ToString());
        var result = BenchResult.Parse(lines[^1]);
        Assert.Equal("3000", result["donors"]);
        Assert.Equal("sqlite", result["provider"]);
        Assert.True(result["errors"] == "0", progress.ToString());
        Assert.Equal(0, exitCode);
        foreach (var request in new[] { "search_email", "search_name", "search_reference", "donor_page", "fundraising", "static" })
        {
            Assert.True(double.Parse(result[$"{request}_p50_ms"], CultureInfo.InvariantCulture) > 0, request);
            Assert.True(double.Parse(result[$"{request}_p99_ms"], CultureInfo.InvariantCulture) > 0, request);
        }

        Assert.True(double.Parse(result["peak_mb"], CultureInfo.InvariantCulture) > 0);
        Assert.True(double.Parse(result["baseline_mb"], CultureInfo.InvariantCulture) > 0);
        Assert.True(double.Parse(result["seed_seconds"], CultureInfo.InvariantCulture) > 0);
    }
}

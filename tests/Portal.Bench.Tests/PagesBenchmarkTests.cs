using System.Globalization;
using Portal.Bench;

namespace Portal.Bench.Tests;

/// <summary>Keeps the <c>pages</c> benchmark working: a small ledger, a short load, every page answered.</summary>
[Trait("Category", "BenchSmoke")]
public class PagesBenchmarkTests
{
    [Fact]
    public async Task Every_page_is_loaded_and_timed_and_the_result_line_says_so()
    {
        using var output = new StringWriter();
        using var progress = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        await BenchCommands.RunAsync(
            ["pages", "--ledger-lines", "3001", "--donors", "50", "--seconds", "1", "--connections", "4"],
            output,
            progress,
            timeout.Token);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length > 0 && lines[^1].StartsWith("result: ", StringComparison.Ordinal), progress.ToString());
        var result = BenchResult.Parse(lines[^1]);
        Assert.Equal("3001", result["lines"]);
        foreach (var page in new[] { "static", "home", "villages", "fund", "sponsor_form" })
        {
            Assert.True(double.Parse(result[$"{page}_rps"], CultureInfo.InvariantCulture) > 0, page);
            Assert.True(double.Parse(result[$"{page}_p99_ms"], CultureInfo.InvariantCulture) > 0, page);
        }

        foreach (var page in new[] { "finance", "journal_deep", "journal_fund", "statement", "communications", "account" })
        {
            Assert.True(double.Parse(result[$"{page}_max_ms"], CultureInfo.InvariantCulture) > 0, page);
        }

        Assert.Contains("0 errors", progress.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(" errors", progress.ToString().Replace(" 0 errors", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}

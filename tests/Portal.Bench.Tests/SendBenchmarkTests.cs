using System.Globalization;
using Portal.Bench;

namespace Portal.Bench.Tests;

/// <summary>Keeps the <c>send</c> benchmark working: a small update through the SMTP sink, each recipient once.</summary>
[Trait("Category", "BenchSmoke")]
public class SendBenchmarkTests
{
    [Fact]
    public async Task The_command_sends_one_message_to_each_recipient_and_says_so_on_its_last_line()
    {
        using var output = new StringWriter();
        using var progress = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var exitCode = await BenchCommands.RunAsync(["send", "--recipients", "300", "--connections", "2"], output, progress, timeout.Token);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length > 0 && lines[^1].StartsWith("result: ", StringComparison.Ordinal), progress.ToString());
        var result = BenchResult.Parse(lines[^1]);
        Assert.Equal("300", result["recipients"]);
        Assert.Equal("300", result["received"]);
        Assert.Equal("0", result["duplicates"]);
        Assert.True(double.Parse(result["rate_per_s"], CultureInfo.InvariantCulture) > 0);
        Assert.True(double.Parse(result["peak_mb"], CultureInfo.InvariantCulture) > 0);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task A_send_without_a_number_of_recipients_is_refused_with_the_usage()
    {
        using var output = new StringWriter();
        using var progress = new StringWriter();

        Assert.Equal(2, await BenchCommands.RunAsync(["send", "--recipients", "lots"], output, progress));
        Assert.Contains("--recipients N", progress.ToString(), StringComparison.Ordinal);
    }
}

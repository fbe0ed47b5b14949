using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Portal.Core.Hosting;
using Portal.Core.Shared;
using Portal.Jobs;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Hosting;

/// <summary>Both hosts log JSON lines outside Development (scopes and a UTC time on each) unless a setting says otherwise.</summary>
public class ConsoleLogFormatTests
{
    [Fact]
    public async Task The_web_host_logs_json_outside_Development_and_the_readable_format_in_it()
    {
        await using var production = await PortalFactory.CreateAsync(
            overrides: new Dictionary<string, string?> { ["Payments:AllowSandbox"] = "true" }, environment: "Production");
        await using var development = await PortalFactory.CreateAsync();

        Assert.Equal(ConsoleFormatterNames.Json, FormatterName(production.Services));
        Assert.Equal(ConsoleFormatterNames.Simple, FormatterName(development.Services));
    }

    [Fact]
    public void The_worker_writes_each_line_as_json_with_its_scopes_and_a_utc_iso_time()
    {
        using var host = Worker();
        var services = host.Services;
        var formatter = services.GetServices<ConsoleFormatter>().Single(f => f.Name == FormatterName(services));
        var scopes = new LoggerExternalScopeProvider();
        using var written = new StringWriter();

        using (scopes.Push(new LogScope([new(Correlation.ScopeKey, "abc-123"), new("JobId", "42")])))
        {
            var entry = new LogEntry<string>(LogLevel.Information, "Portal.Test", new EventId(9999), "hello", null, (s, _) => s);
            formatter.Write(entry, scopes, written);
        }

        var line = JsonDocument.Parse(written.ToString()).RootElement;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", line.GetProperty("Timestamp").GetString());
        Assert.Equal(("hello", 9999), (line.GetProperty("Message").GetString(), line.GetProperty("EventId").GetInt32()));
        var scope = Assert.Single(line.GetProperty("Scopes").EnumerateArray());
        Assert.Equal(("abc-123", "42"), (scope.GetProperty(Correlation.ScopeKey).GetString(), scope.GetProperty("JobId").GetString()));
        Assert.Equal("CorrelationId:abc-123, JobId:42", scope.GetProperty("Message").GetString());
    }

    [Fact]
    public void A_configured_format_stands_in_any_environment()
    {
        using var host = Worker(("Logging:Console:FormatterName", "simple"));

        Assert.Equal(ConsoleFormatterNames.Simple, FormatterName(host.Services));
    }

    private static string? FormatterName(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName;

    private static IHost Worker(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Portal:DataFolder"] = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N")),
            ["Jobs:Storage"] = "InMemory",
            ["Jobs:RunServer"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        // Built, not started: the formatter and its options are all this test reads.
        return WorkerProgram.CreateBuilder([], values).Build();
    }
}

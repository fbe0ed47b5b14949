using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Ledger;
using Portal.Web.Hosting;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Hosting;

/// <summary>A refusal reads as what happened and what to do; a bug shows a reference that is also in the log.</summary>
public partial class ErrorPagesTests
{
    [Fact]
    public async Task An_unknown_error_shows_the_generic_page_with_the_correlation_id_that_the_log_carries()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var logs = new LogCollector();
        portal.TestServices = services => services.AddSingleton<ILoggerProvider>(logs);
        var comms = portal.Browser();
        await comms.SignInAsStaffAsync(portal, "Communications");
        var built = await comms.PostAsync(
            "/communications/reports", new Dictionary<string, string> { ["Period"] = "2025" }, action: "/communications/reports?handler=Build");
        Assert.Equal(HttpStatusCode.Redirect, built.StatusCode);
        // A report whose stored figures cannot be read: the reports page fails on a bug, not on a refusal.
        await portal.QueryAsync(db => db.TransparencyReports.ExecuteUpdateAsync(r => r.SetProperty(x => x.FiguresJson, "not json")));

        var page = await comms.GetAsync("/communications/reports");
        var html = await page.Content.ReadAsStringAsync();
        comms.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var api = await comms.GetAsync("/communications/reports");

        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        var id = Reference().Match(html).Groups[1].Value;
        Assert.NotEmpty(id);
        // One id for the page, the response header and the log.
        Assert.Equal(id, Assert.Single(page.Headers.GetValues("X-Correlation-Id")));
        Assert.Contains(logs.Errors, e => e.Contains(id, StringComparison.Ordinal)
            && e.Contains("/communications/reports", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(logs.Errors, e => e.Contains(problem.GetProperty("correlationId").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public void Domain_refusals_have_their_status_and_the_next_step()
    {
        var closed = Refusals.For(new PeriodClosedException(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 31)))!;
        var changed = Refusals.For(new InvalidOperationException("wrapped", new DbUpdateConcurrencyException("conflict")))!;
        var noStaff = Refusals.For(new NoSignedInStaffException())!;

        Assert.Equal(409, closed.Status);
        Assert.Contains("The month is closed", closed.Message, StringComparison.Ordinal);
        Assert.Contains("book it in an open month or ask Finance to reopen", closed.Message, StringComparison.Ordinal);
        Assert.Equal(409, changed.Status);
        Assert.Contains("someone else changed this", changed.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("reload and try again", changed.Message, StringComparison.Ordinal);
        Assert.Equal(403, noStaff.Status);
        Assert.Null(Refusals.For(new InvalidOperationException("a bug")));
    }

    [GeneratedRegex("data-correlation-id>([^<]+)<")]
    private static partial Regex Reference();

    private sealed class LogCollector : ILoggerProvider
    {
        public ConcurrentBag<string> Errors { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Collecting(this);

        public void Dispose()
        {
        }

        private sealed class Collecting(LogCollector owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(
                LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    owner.Errors.Add(formatter(state, exception));
                }
            }
        }
    }
}

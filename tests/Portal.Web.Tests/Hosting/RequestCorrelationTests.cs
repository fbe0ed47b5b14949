using System.Net;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Hosting;
using Portal.Jobs;
using Portal.Testing;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Hosting;

/// <summary>
/// One correlation id per request, echoed and on every log line the portal writes for it, carried into the jobs the
/// request enqueues. Runs a real Hangfire server (in memory), so it stays out of the parallel tests.
/// </summary>
[Collection(HangfireServerCollection.Name)]
public class RequestCorrelationTests
{
    [Fact]
    public async Task A_safe_incoming_id_is_echoed_and_is_on_every_line_the_request_logs()
    {
        var logs = new TestLogs();
        await using var portal = await PortalWithLogsAsync(logs);
        using var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/villages");
        request.Headers.Add(Correlation.Header, "donor-check.42_A");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("donor-check.42_A", Assert.Single(response.Headers.GetValues(Correlation.Header)));
        // ASP.NET Core's own "Request starting" line comes before any middleware; every later line is in the scope.
        var lines = logs.Events.Where(e => e.ScopeValue("RequestPath") as string == "/villages"
            && e.Category != "Microsoft.AspNetCore.Hosting.Diagnostics").ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Equal("donor-check.42_A", line.ScopeValue(Correlation.ScopeKey)));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("x0123456789012345678901234567890123456789012345678901234567890123")]
    public async Task An_unsafe_or_too_long_incoming_id_is_replaced_by_the_requests_trace_id(string offered)
    {
        await using var portal = await PortalFactory.CreateAsync();
        using var client = portal.CreateClient();
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation(Correlation.Header, offered);
        request.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await client.SendAsync(request);

        Assert.Equal(traceId, Assert.Single(response.Headers.GetValues(Correlation.Header)));
    }

    [Fact]
    public async Task A_job_enqueued_by_a_request_logs_with_the_requests_id_and_a_scheduled_job_with_its_own()
    {
        var logs = new TestLogs();
        await using var portal = await PortalWithLogsAsync(logs, new Dictionary<string, string?>
        {
            ["Jobs:RunServer"] = "true",
            ["Jobs:WorkerCount"] = "1",
        });
        var client = portal.Browser();
        // A donor (a sign-in link is only sent to one), made by starting a checkout, which enqueues nothing.
        var email = SharedPortal.Email();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm(email))).StatusCode);
        var form = await client.TextAsync("/account/sign-in");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(
                new Dictionary<string, string> { ["Email"] = email, ["__RequestVerificationToken"] = Forms.Token(form) }),
        };
        request.Headers.Add(Correlation.Header, "sign-in-7");

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var fromRequest = await FinishedAsync(logs, line => line.ScopeValue(Correlation.ScopeKey) as string == "sign-in-7");
        portal.Services.GetRequiredService<IRecurringJobManager>().Trigger(RecurringJobs.SendQueuedEmails);
        var scheduled = await FinishedAsync(logs, line => line.ScopeValue(Correlation.ScopeKey) as string != "sign-in-7");

        Assert.Equal("SendQueuedEmailsJob.Run", fromRequest.ScopeValue("JobType"));
        Assert.NotEqual(fromRequest.ScopeValue("JobId"), scheduled.ScopeValue("JobId"));
        Assert.Matches("^[0-9a-f]{32}$", (string)scheduled.ScopeValue(Correlation.ScopeKey)!);
        // Every line the job wrote, from start to finish, is in its scope.
        var jobLines = logs.Events.Where(line => Equals(line.ScopeValue("JobId"), fromRequest.ScopeValue("JobId"))).ToList();
        Assert.Contains(jobLines, line => line.EventId.Id == 9110);
        Assert.All(jobLines, line => Assert.Equal("sign-in-7", line.ScopeValue(Correlation.ScopeKey)));
    }

    /// <summary>The "job finished" line (9111) of a send-emails job that <paramref name="which"/> picks, once it is there.</summary>
    private static async Task<LoggedEvent> FinishedAsync(TestLogs logs, Func<LoggedEvent, bool> which) =>
        (await Eventually.ValueAsync(
            () => Task.FromResult(logs.WithId(9111)
                .FirstOrDefault(line => line.ScopeValue("JobType") as string == "SendQueuedEmailsJob.Run" && which(line))),
            line => line is not null,
            "the send-emails job to finish",
            TimeSpan.FromSeconds(30)))!;

    private static async Task<PortalFactory> PortalWithLogsAsync(TestLogs logs, Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var portal = await PortalFactory.CreateAsync(overrides: values);
        portal.TestServices = services => services.AddSingleton<ILoggerProvider>(logs);
        return portal;
    }
}

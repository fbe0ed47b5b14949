using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Testing;

namespace Portal.Jobs.Tests;

/// <summary>Each job on a real Hangfire server: its duration, its span in the enqueuer's trace, and its log scope.</summary>
public class JobCorrelationTests
{
    [Fact]
    public async Task A_job_records_its_duration_and_a_span_in_the_enqueuers_trace_and_logs_in_the_enqueuers_correlation()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var logs = new TestLogs();
        var builder = WorkerProgram.CreateBuilder([], new Dictionary<string, string?>
        {
            ["Portal:DataFolder"] = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N")),
            ["DataProtection:CertificatePath"] = KeyRingCertificates.SharedPath,
            ["DataProtection:CertificatePassword"] = KeyRingCertificates.Password,
            ["Portal:PublicBaseUrl"] = "http://portal.test",
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Jobs:Storage"] = "InMemory",
            ["Payments:AllowSandbox"] = "true",
            ["Jobs:WorkerCount"] = "1",
            ["Logging:LogLevel:Portal"] = "Debug",
        });
        builder.Logging.AddProvider(logs);
        using var host = builder.Build();
        using var metrics = new TestMetrics(host.Services);
        await host.StartAsync();
        using var spans = new TestSpans();

        Correlation.Current = "enqueued-by-test";
        host.Services.GetRequiredService<IBackgroundWork>().SendQueuedEmails();
        Correlation.Current = null;
        // The span is in the test's trace only if the job continued the enqueuer's; recurring jobs have traces of their own.
        var span = (await Eventually.ValueAsync(
            () => Task.FromResult(spans.Named("job SendQueuedEmailsJob.Run").SingleOrDefault()),
            found => found is not null,
            "the job's span"))!;
        await host.StopAsync();

        Assert.Equal("enqueued-by-test", span.GetTagItem("portal.correlation_id"));
        Assert.Equal("succeeded", span.GetTagItem("portal.outcome"));
        Assert.Contains(metrics.Of("portal.job.duration"), duration => duration.Tag("job") == "SendQueuedEmailsJob.Run"
            && duration.Tag("outcome") == "succeeded" && duration.Value >= 0 && duration.Value < 30);
        var finished = Assert.Single(logs.WithId(9111), line => Equals(line.ScopeValue("JobId"), span.GetTagItem("portal.job_id")));
        Assert.Equal("enqueued-by-test", finished.ScopeValue(Correlation.ScopeKey));
        Assert.Equal("SendQueuedEmailsJob.Run", finished.ScopeValue("JobType"));
    }
}

using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Core.Communications;
using Portal.Core.Communications.Consent;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Sponsorships;
using Portal.Testing;

namespace Portal.Jobs.Tests;

/// <summary>The worker host runs the portal's jobs with a real Hangfire server, apart from any web process.</summary>
public class WorkerHostTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task The_worker_applies_a_paid_gift_and_sends_its_receipt_without_the_web_process(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var dataFolder = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        using var host = WorkerProgram.CreateHost([], new Dictionary<string, string?>
        {
            ["Portal:DataFolder"] = dataFolder,
            ["DataProtection:CertificatePath"] = KeyRingCertificates.SharedPath,
            ["DataProtection:CertificatePassword"] = KeyRingCertificates.Password,
            ["Portal:PublicBaseUrl"] = "http://portal.test",
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Jobs:Storage"] = "InMemory",
            ["Jobs:WorkerCount"] = "2",
            ["Payments:AllowSandbox"] = "true",
        });
        await host.StartAsync();
        var services = host.Services;
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SeedDemoContent>().RunAsync(CancellationToken.None);
        }

        Guid sponsorshipId;
        await using (var scope = services.CreateAsyncScope())
        {
            var started = (StartResult.RedirectToCheckout)await scope.ServiceProvider.GetRequiredService<StartSponsorship>().StartAsync(
                new SponsorshipRequest(
                    "gulu",
                    "50",
                    "EUR",
                    "Yearly",
                    false,
                    null,
                    null,
                    "Grace Hopper",
                    "grace@example.org",
                    "US",
                    MailTopics.None,
                    "en"), CancellationToken.None);
            sponsorshipId = started.SponsorshipId;
            var paid = await services.GetRequiredService<SandboxCheckout>()
                .PayAsync(started.Url.Segments[^1], "5555 5555 5555 4444", "01/30", "999", CancellationToken.None);
            Assert.IsType<SandboxPayResult.Paid>(paid);
        }

        // Nothing but the Hangfire server applies the stored events and sends the outbox now.
        var charge = await WaitForAsync(
            services,
            db => db.Charges.SingleAsync(c => c.SponsorshipId == sponsorshipId),
            c => c.Status == ChargeStatus.Succeeded);
        await WaitForAsync(services, db => db.OutboundEmails.SingleAsync(), m => m.SentAt is not null);
        Assert.NotNull(charge.ReceiptNumber);
        Assert.Single(services.GetRequiredService<MailboxFolder>().List());
        await host.StopAsync();
    }

    [Fact]
    public async Task Every_recurring_job_is_registered_with_its_schedule()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var host = WorkerProgram.CreateHost([], new Dictionary<string, string?>
        {
            ["Portal:DataFolder"] = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N")),
            ["DataProtection:CertificatePath"] = KeyRingCertificates.SharedPath,
            ["DataProtection:CertificatePassword"] = KeyRingCertificates.Password,
            ["Portal:PublicBaseUrl"] = "http://portal.test",
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Jobs:Storage"] = "InMemory",
            ["Jobs:RunServer"] = "false",
            ["Jobs:SendEmailsCron"] = "*/5 * * * *",
        });

        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(job => job.Id);

        Assert.Equal("* * * * *", jobs[RecurringJobs.ApplyGatewayEvents].Cron);
        Assert.Equal("*/5 * * * *", jobs[RecurringJobs.SendQueuedEmails].Cron);
        Assert.Equal(JobQueues.Events, jobs[RecurringJobs.ApplyGatewayEvents].Job.Queue);
        Assert.Equal(JobQueues.Mail, jobs[RecurringJobs.SendQueuedEmails].Job.Queue);
    }

    [Fact]
    public async Task Two_hosts_in_one_process_keep_their_jobs_apart()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var first = QuietHost(database);
        using var second = QuietHost(database);

        first.Services.GetRequiredService<Portal.Core.Hosting.IBackgroundWork>().SendQueuedEmails();
        first.Services.GetRequiredService<Portal.Core.Hosting.IBackgroundWork>().SendQueuedEmails();
        second.Services.GetRequiredService<Portal.Core.Hosting.IBackgroundWork>().SendQueuedEmails();

        Assert.NotSame(first.Services.GetRequiredService<JobStorage>(), second.Services.GetRequiredService<JobStorage>());
        Assert.Equal(2, first.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedCount(JobQueues.Mail));
        Assert.Equal(1, second.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedCount(JobQueues.Mail));
    }

    private static IHost QuietHost(TestDatabase database) => WorkerProgram.CreateHost([], new Dictionary<string, string?>
    {
        ["Portal:DataFolder"] = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N")),
        ["DataProtection:CertificatePath"] = KeyRingCertificates.SharedPath,
        ["DataProtection:CertificatePassword"] = KeyRingCertificates.Password,
        ["Portal:PublicBaseUrl"] = "http://portal.test",
        ["Database:ConnectionString"] = database.ConnectionString,
        ["Jobs:Storage"] = "InMemory",
        ["Jobs:RunServer"] = "false",
    });

    private static Task<T> WaitForAsync<T>(IServiceProvider services, Func<PortalDbContext, Task<T>> read, Func<T, bool> done) =>
        Eventually.ValueAsync(
            async () =>
            {
                await using var db = services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
                return await read(db);
            },
            done,
            "the worker to finish the job",
            TimeSpan.FromSeconds(30));
}

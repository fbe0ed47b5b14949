using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Jobs.Jobs;
using Portal.Testing;

namespace Portal.Jobs.Tests;

/// <summary>The transparency jobs are scheduled in the worker, and a run there builds last quarter's drafts.</summary>
public class TransparencyJobTests
{
    [Fact]
    public async Task The_worker_schedules_the_quarterly_and_yearly_builds_and_a_run_builds_last_quarters_drafts()
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
            ["Jobs:YearlyReportsCron"] = "0 6 15 1 *",
        });
        using (var connection = host.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var jobs = connection.GetRecurringJobs().ToDictionary(job => job.Id);
            Assert.Equal("0 5 5 1,4,7,10 *", jobs[RecurringJobs.QuarterlyTransparencyReports].Cron);
            Assert.Equal("0 6 15 1 *", jobs[RecurringJobs.YearlyTransparencyReports].Cron);
            Assert.Equal(JobQueues.Default, jobs[RecurringJobs.QuarterlyTransparencyReports].Job.Queue);
        }

        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SeedDemoContent>().RunAsync(CancellationToken.None);
        var job = ActivatorUtilities.CreateInstance<BuildTransparencyReportsJob>(scope.ServiceProvider);

        await job.LastQuarter(CancellationToken.None);
        await job.LastQuarter(CancellationToken.None);

        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var funds = await db.Funds.CountAsync();
        Assert.True(funds > 0);
        Assert.Equal(funds, await db.TransparencyReports.CountAsync(r => r.PeriodKey.Contains("-q")));
    }
}

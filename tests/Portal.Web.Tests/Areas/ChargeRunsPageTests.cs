using System.Net;
using System.Text;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Pages;

namespace Portal.Web.Tests.Areas;

/// <summary>Finance watches the charge runs: the latest one's progress, the history, a CSV, and a run started by hand.</summary>
public class ChargeRunsPageTests
{
    [Fact]
    public async Task Finance_sees_a_runs_progress_and_history_exports_it_and_starts_a_run()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Portal.Core.Data.PortalDbContext>();
            var today = scope.ServiceProvider.GetRequiredService<Portal.Core.Hosting.CharityCalendar>().Today;
            await db.Charges.ExecuteUpdateAsync(set => set.SetProperty(c => c.PeriodStart, today.AddMonths(-1)));
            await db.Sponsorships.ExecuteUpdateAsync(set => set.SetProperty(s => s.NextPeriodStart, today));
        }

        var run = await ConfirmPaymentTests.RunChargesAsync(portal);
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");

        var page = await finance.TextAsync("/finance/runs");
        var progress = JsonDocument.Parse(await finance.TextAsync($"/finance/runs?handler=Progress&id={run.Id}")).RootElement;
        var csv = Encoding.UTF8.GetString(await (await finance.GetAsync("/finance/runs?handler=Csv")).Content.ReadAsByteArrayAsync())
            .TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var started = await finance.PostAsync("/finance/runs", new Dictionary<string, string>(), action: "/finance/runs?handler=Start");

        Assert.Contains($"Run {run.Id}", page, StringComparison.Ordinal);
        Assert.Contains("role=\"progressbar\"", page, StringComparison.Ordinal);
        Assert.Contains("aria-valuenow=\"100\"", page, StringComparison.Ordinal);
        Assert.Equal(("Finished", 1, 1, 0), (progress.GetProperty("status").GetString(), progress.GetProperty("due").GetInt32(), progress.GetProperty(
            "succeeded").GetInt32(), progress.GetProperty("remaining").GetInt32()));
        Assert.StartsWith("run,started_at_utc,finished_at_utc,status,started_by,day,due,succeeded", csv[0], StringComparison.Ordinal);
        Assert.Equal([run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], csv[1].Split(',')[..1]);
        Assert.Equal("Finished", csv[1].Split(',')[3]);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.True(await portal.QueryAsync(db => db.AuditRecords.AnyAsync(a => a.Action == "charges.run-started")));
        var jobs = portal.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.Equal(1, jobs.EnqueuedCount("default"));
    }

    [Fact]
    public async Task Communications_staff_and_donors_cannot_see_or_start_runs()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        var communications = portal.Browser();
        await communications.SignInAsStaffAsync(portal, "Communications");
        var donor = portal.Browser();
        await donor.SignInAsync(portal, "ada@example.org");

        foreach (var client in new[] { communications, donor })
        {
            Assert.False((await client.GetAsync("/finance/runs")).IsSuccessStatusCode);
            Assert.False((await client.GetAsync("/finance/runs?handler=Progress")).IsSuccessStatusCode);
        }

        Assert.False(await portal.QueryAsync(db => db.ChargeRuns.AnyAsync()));
    }
}

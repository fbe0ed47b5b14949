using System.Net;
using System.Text;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Sponsorships.Runs;
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
    public async Task A_run_asked_for_shows_as_queued_at_once_then_preparing_then_done_and_the_page_polls_throughout()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        await ConfirmPaymentTests.RunChargesAsync(portal);
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Portal.Core.Data.PortalDbContext>();
            var today = scope.ServiceProvider.GetRequiredService<Portal.Core.Hosting.CharityCalendar>().Today;
            await db.Charges.ExecuteUpdateAsync(set => set.SetProperty(c => c.PeriodStart, today.AddMonths(-1)));
            await db.Sponsorships.ExecuteUpdateAsync(set => set.SetProperty(s => s.NextPeriodStart, today));
        }

        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");
        async Task<JsonElement> ProgressAsync() => JsonDocument.Parse(await finance.TextAsync("/finance/runs?handler=Progress")).RootElement;

        var started = await finance.PostAsync("/finance/runs", new Dictionary<string, string>(), action: "/finance/runs?handler=Start");
        var page = await finance.TextAsync(started.Headers.Location!.OriginalString);
        var queued = await ProgressAsync();

        // The earlier run is finished; the one just asked for is what the panel shows, queued, and the script polls it.
        var panel = page[page.IndexOf("id=\"latest-run\"", StringComparison.Ordinal)..page.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("data-state=\"queued\"", panel, StringComparison.Ordinal);
        Assert.Contains("data-run-progress=\"/finance/runs?handler=Progress\"", panel, StringComparison.Ordinal);
        Assert.Contains("role=\"progressbar\"", panel, StringComparison.Ordinal);
        Assert.Contains("aria-busy=\"true\"", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-valuenow", panel, StringComparison.Ordinal);
        Assert.Equal("queued", queued.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, queued.GetProperty("percent").ValueKind);

        // A worker starts it in the staff member's name: preparing until its periods are claimed, never done at 0 of 0.
        var askedBy = await portal.QueryAsync(db => db.AuditRecords.Where(a => a.Action == ChargeRunRequests.AuditAction)
            .Select(a => a.ActorName).SingleAsync());
        var now = DateTime.UtcNow;
        var claiming = new ChargeRun
        {
            StartedAt = now,
            LastProgressAt = now,
            Today = DateOnly.FromDateTime(now),
            Worker = "w/1",
            StartedBy = askedBy,
        };
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Portal.Core.Data.PortalDbContext>();
            db.ChargeRuns.Add(claiming);
            await db.SaveChangesAsync();
        }

        var preparing = await ProgressAsync();
        var preparingPage = await finance.TextAsync("/finance/runs");
        await portal.QueryAsync(db => db.ChargeRuns.Where(r => r.Id == claiming.Id).ExecuteDeleteAsync());
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ChargeRunner>().RunAsync(askedBy, CancellationToken.None);
        }

        var done = await ProgressAsync();
        var after = await finance.TextAsync("/finance/runs");

        Assert.Equal(("preparing", JsonValueKind.Null), (preparing.GetProperty("state").GetString(), preparing.GetProperty("percent").ValueKind));
        // Nothing claimed yet: what is due is not known, so not 0 (as if there were nothing to do), on the page or in the JSON.
        Assert.Equal(
            (JsonValueKind.Null, JsonValueKind.Null), (preparing.GetProperty("due").ValueKind, preparing.GetProperty("remaining").ValueKind));
        Assert.Contains("data-field=\"Due\">–</dd>", preparingPage, StringComparison.Ordinal);
        Assert.Contains("data-field=\"Remaining\">–</dd>", preparingPage, StringComparison.Ordinal);
        Assert.Equal(("done", 100, 1, 1), (done.GetProperty("state").GetString(), done.GetProperty("percent").GetInt32(),
            done.GetProperty("due").GetInt32(), done.GetProperty("succeeded").GetInt32()));
        Assert.Contains("data-state=\"done\"", after, StringComparison.Ordinal);
        Assert.Contains("aria-valuenow=\"100\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_shared_by_two_workers_shows_each_workers_part()
    {
        await using var portal = await PortalFactory.CreateAsync();
        long runId;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Portal.Core.Data.PortalDbContext>();
            var now = new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);
            var run = new ChargeRun
            {
                StartedAt = now,
                LastProgressAt = now,
                Today = new DateOnly(2026, 12, 4),
                Worker = "worker-a/11",
                StartedBy = "schedule",
                Due = 500,
                Succeeded = 300,
                Status = ChargeRunStatus.Running,
            };
            db.ChargeRuns.Add(run);
            await db.SaveChangesAsync();
            runId = run.Id;
            db.ChargeRunParts.AddRange(
                new ChargeRunPart { RunId = runId, Worker = "worker-a/11", Starter = true, JoinedAt = now, LastSeenAt = now, Claimed = 260 },
                new ChargeRunPart { RunId = runId, Worker = "worker-b/22", JoinedAt = now.AddSeconds(4), LastSeenAt = now, Claimed = 240 });
            await db.SaveChangesAsync();
        }

        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");
        var page = await finance.TextAsync("/finance/runs");
        var progress = JsonDocument.Parse(await finance.TextAsync($"/finance/runs?handler=Progress&id={runId}")).RootElement;

        Assert.Contains("<dt>Workers taking part</dt><dd data-field=\"Workers\">2</dd>", page, StringComparison.Ordinal);
        Assert.Contains("worker-a/11 (started it)", page, StringComparison.Ordinal);
        Assert.Contains("worker-b/22", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">260</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">240</td>", page, StringComparison.Ordinal);
        Assert.Equal(2, progress.GetProperty("workers").GetInt32());
        Assert.Equal(200, progress.GetProperty("remaining").GetInt32());
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

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Core.Staff;
using Portal.Web.Tests.Areas;
using Portal.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// Staff start a long job and watch its bar in Chromium without reloading: nothing counted while it is queued or
/// preparing (no value, the words say so), then a value that rises as the job goes, then done with the right counts.
/// The job runs on the portal's own Hangfire worker; the test holds it at the database, the gateway or the relay
/// (<see cref="InjectedHolds"/>) and lets it on a step at a time.
/// </summary>
[Collection(HangfireServerCollection.Name)]
public class LiveProgressBrowserTests(ITestOutputHelper output)
{
    private const int Sponsors = 6;

    [SkippableFact]
    public async Task Finance_starts_a_charge_run_and_sees_it_prepare_then_charge_step_by_step_then_finish_without_reloading()
    {
        using var start = new Hold();
        using var claims = new Hold();
        using var gateway = new Hold();
        // Only the run asked for: the hourly one never starts meanwhile.
        await using var browser = await BrowserPortal.StartAsync(
            new Dictionary<string, string?> { ["Jobs:ChargeCron"] = Hangfire.Cron.Never() },
            services => services.HoldInserts("ChargeRuns", start).HoldInserts("Charges", claims).HoldCharges(gateway));
        await DueSponsors.AddAsync(browser, Sponsors);
        var page = browser.Page;
        var scriptErrors = ScriptErrors(page);
        await StaffBrowser.SignInAsync(page, await Staff.CreateStaffAsync(browser.Portal, StaffRoles.Finance));
        await page.GotoAsync("/finance/runs");
        await Assertions.Expect(page.GetByText($"{Sponsors} sponsorships are due now")).ToBeVisibleAsync();
        start.Close();
        claims.Close();
        gateway.Close();

        await page.GetByRole(AriaRole.Button, new() { Name = "Start a charge run now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("A charge run was asked for");
        var run = await ProgressPanel.WatchAsync(page, "#latest-run");

        // Asked for, its worker not yet started: queued, no value. Then claiming what is due: preparing, still no value.
        await start.HoldingAsync();
        var queued = await run.NowAsync();
        start.Open();
        await claims.HoldingAsync();
        await run.InStateAsync("preparing");
        var preparing = await run.NowAsync();
        var countsWhilePreparing = new[] { await run.FactAsync("Due"), await run.FactAsync("Remaining") };
        claims.Open();

        // Every period claimed, each charge held at the gateway: a value at last, 0 of 6, then up as they are answered.
        await gateway.HoldingAsync(Sponsors);
        await run.InStateAsync("running");
        await run.AtAsync(0);
        await run.ShowsAsync("Due", $"{Sponsors}");
        gateway.Let(2);
        await run.AtAsync(33);
        await run.ShowsAsync("Succeeded", "2");
        gateway.Let(2);
        await run.AtAsync(66);
        await run.ShowsAsync("Succeeded", "4");
        gateway.Open();
        await run.InStateAsync("done");
        // What was true only when the page was loaded is gone; the run's own figures are below.
        await Assertions.Expect(page.GetByText("No charge run has started yet")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByText($"{Sponsors} sponsorships are due now")).ToBeHiddenAsync();

        var shown = await run.ShownAsync();
        var done = shown[^1];
        Assert.Equal(new ProgressShown("queued", null, true, true, "Queued, waiting for a worker to start it"), queued);
        Assert.Equal(queued, shown[0]);
        Assert.Equal(new ProgressShown("preparing", null, true, true, "Preparing…"), preparing);
        Assert.Equal(["–", "–"], countsWhilePreparing);
        Assert.Equal(new ProgressShown("done", "100", false, false, "Finished"), done);
        AssertRises(shown);
        Assert.Empty(scriptErrors);
        Assert.Equal(
            [$"{Sponsors}", $"{Sponsors}", "0", "0", "0", "0"],
            [await run.FactAsync("Due"), await run.FactAsync("Succeeded"), await run.FactAsync("Failed"),
                await run.FactAsync("ActionRequired"), await run.FactAsync("Unresolved"), await run.FactAsync("Remaining")]);
    }

    [SkippableFact]
    public async Task Communications_sends_an_update_and_sees_it_prepare_count_send_step_by_step_and_finish_without_reloading()
    {
        using var start = new Hold();
        using var expansion = new Hold();
        using var relay = new Hold();
        await using var browser = await BrowserPortal.StartAsync(
            services: services => services.HoldCommands(StartsScheduledUpdates, start).HoldInserts("UpdateDeliveries", expansion)
                .HoldBulkMail(relay));
        await DueSponsors.AddAsync(browser, Sponsors);
        var member = await Staff.CreateStaffAsync(browser.Portal, StaffRoles.Communications);
        var details = await DraftAsync(browser, member);
        var page = browser.Page;
        var scriptErrors = ScriptErrors(page);
        await StaffBrowser.SignInAsync(page, member);
        await page.GotoAsync(details);
        start.Close();
        expansion.Close();
        relay.Close();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Send now to {Sponsors} donors" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The send is queued");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Call it off" })).ToBeVisibleAsync();
        var send = await ProgressPanel.WatchAsync(page, "#send-progress");

        // Not started by the send job yet: queued. Then writing out the audience: preparing, no number of recipients yet
        // and no value (not "Sending" at 100 % with 0 recipients).
        await start.HoldingAsync();
        var queued = await send.NowAsync();
        start.Open();
        await expansion.HoldingAsync();
        await send.InStateAsync("preparing");
        var preparing = await send.NowAsync();
        var recipientsWhilePreparing = await send.FactAsync("Due");
        expansion.Open();

        // Counted: six recipients, each message held at the relay; the bar starts at 0 and rises as the relay takes them.
        await relay.HoldingAsync(4);
        await send.InStateAsync("running");
        await send.AtAsync(0);
        await send.ShowsAsync("Due", $"{Sponsors}");
        relay.Let(3);
        await send.AtAsync(50);
        await send.ShowsAsync("Sent", "3");
        relay.Open();
        await send.InStateAsync("done");
        // Once sending it could not be called off, nor is it scheduled; no chart drawn at loading contradicts the list.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Call it off" })).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".status", new() { HasText = "Scheduled" })).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Deliveries by outcome" })).ToHaveCountAsync(0);

        var shown = await send.ShownAsync();
        Assert.Equal(new ProgressShown("queued", null, true, true, "Queued"), queued);
        Assert.Equal(queued, shown[0]);
        Assert.Equal(new ProgressShown("preparing", null, true, true, "Preparing…"), preparing);
        Assert.Equal("–", recipientsWhilePreparing);
        Assert.Contains(new ProgressShown("running", "0", false, true, "Sending"), shown);
        Assert.Equal(new ProgressShown("done", "100", false, false, "Report"), shown[^1]);
        AssertRises(shown);
        Assert.Empty(scriptErrors);
        Assert.Equal(
            [$"{Sponsors}", $"{Sponsors}", "0", "0"],
            [await send.FactAsync("Due"), await send.FactAsync("Sent"), await send.FactAsync("Failed"), await send.FactAsync("Queued")]);
    }

    /// <summary>Errors the page's script throws from now on.</summary>
    private static List<string> ScriptErrors(IPage page)
    {
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        return errors;
    }

    /// <summary>The send job's first step, which turns updates whose time has come from scheduled to sending.</summary>
    private static bool StartsScheduledUpdates(string sql) =>
        sql.StartsWith("UPDATE \"ImpactUpdates\"", StringComparison.Ordinal) && sql.Contains("\"ScheduledFor\" <=", StringComparison.Ordinal);

    /// <summary>Nothing counted comes first; once counted, the value only rises and the bar is never indeterminate again.</summary>
    private void AssertRises(List<ProgressShown> shown)
    {
        output.WriteLine(string.Join(Environment.NewLine, shown));
        var counted = shown.FindIndex(s => s.Value is not null);
        Assert.True(counted > 0, string.Join(Environment.NewLine, shown));
        Assert.All(shown[..counted], s => Assert.Equal((null, true), (s.Value, s.Indeterminate)));
        var values = shown[counted..].Select(s => s.Value is null ? -1 : int.Parse(s.Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.All(shown[counted..], s => Assert.False(s.Indeterminate, string.Join(Environment.NewLine, shown)));
        Assert.Equal(values.Order(), values);
    }

    /// <summary>A draft update to Nairobi's sponsors, written by the staff member; its page's address.</summary>
    private static async Task<string> DraftAsync(BrowserPortal browser, StaffMember member)
    {
        using var client = DueSponsors.Client(browser);
        await client.SignInAsync(member);
        var nairobi = await browser.Portal.QueryAsync(db => db.Funds.Where(f => f.Slug == "nairobi").Select(f => f.Id).SingleAsync());
        var draft = await client.PostAsync("/communications/updates/edit", ImpactUpdatePagesTests.Fields(nairobi, "Wells for the dry season"));
        Assert.True(draft.Headers.Location is not null, $"{draft.StatusCode}: {await draft.Content.ReadAsStringAsync()}");
        return draft.Headers.Location!.OriginalString;
    }
}

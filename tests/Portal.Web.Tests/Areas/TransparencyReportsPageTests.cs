using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Spending;
using Portal.Core.Transparency;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Areas;

/// <summary>
/// Communications build a year's reports, write outcomes and stories, are warned about children's data, and publish with the
/// confirmation only.
/// </summary>
public class TransparencyReportsPageTests
{
    [Fact]
    public async Task Staff_build_edit_are_warned_and_publish_only_with_the_confirmation()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var comms = portal.Browser();
        await comms.SignInAsStaffAsync(portal, "Communications");
        await portal.RecordNairobiSpending2025Async();

        var notEnded = await comms.PostAsync(
            "/communications/reports",
            new Dictionary<string, string> { ["Period"] = "2999-q1" },
            action: "/communications/reports?handler=Build");
        Assert.Equal(HttpStatusCode.BadRequest, notEnded.StatusCode);
        Assert.Contains("has not ended yet", await notEnded.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var built = await comms.PostAsync(
            "/communications/reports",
            new Dictionary<string, string> { ["Period"] = "2025" },
            action: "/communications/reports?handler=Build");
        Assert.Equal(HttpStatusCode.Redirect, built.StatusCode);
        var funds = await portal.QueryAsync(db => db.Funds.CountAsync());
        Assert.Equal(
            funds,
            await portal.QueryAsync(db => db.TransparencyReports.CountAsync(r => r.PeriodKey == "2025" && r.Status == ReportStatus.Draft)));
        Assert.Contains(" new drafts", await comms.TextAsync("/communications/reports"), StringComparison.Ordinal);
        var csv = Encoding.UTF8.GetString(await (await comms.GetAsync("/communications/reports?handler=Csv")).Content.ReadAsByteArrayAsync())
            .TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("fund_code,fund_name,period,status,currency,", lines[0], StringComparison.Ordinal);
        Assert.Equal(funds, lines.Length - 1);
        Assert.Contains(lines, l => l.StartsWith("KEN01,", StringComparison.Ordinal) && l.Contains(",2025,Draft,EUR,", StringComparison.Ordinal));

        var id = await portal.QueryAsync(db => db.TransparencyReports
            .Where(r => r.PeriodKey == "2025" && db.Funds.Any(f => f.Id == r.FundId && f.Slug == "nairobi"))
            .Select(r => r.Id)
            .SingleAsync());
        var url = $"/communications/reports/{id}";
        var saved = await comms.PostAsync(url, new Dictionary<string, string>
        {
            ["Input.Outcomes[0].Label"] = "children in care",
            ["Input.Outcomes[0].Value"] = "112",
            ["Input.Outcomes[1].Label"] = "school enrolment %",
            ["Input.Outcomes[1].Value"] = "97",
            ["Input.Stories"] = "A girl named Esperanza now lives at 12 Riverside Road.",
        }, action: url + "?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var editor = await comms.TextAsync(url);
        var warnings = editor[editor.IndexOf("child-data-warnings", StringComparison.Ordinal)..];
        Assert.Contains("A possible name in the stories: \"Esperanza\"", warnings, StringComparison.Ordinal);
        Assert.Contains("A possible exact place in the stories: \"12 Riverside Road\"", warnings, StringComparison.Ordinal);

        // Gulu neither received nor spent anything in 2025: its report says so and cannot be published.
        var gulu = await portal.QueryAsync(db => db.TransparencyReports
            .Where(r => r.PeriodKey == "2025" && db.Funds.Any(f => f.Id == r.FundId && f.Slug == "gulu")).Select(r => r.Id).SingleAsync());
        var emptyEditor = await comms.TextAsync($"/communications/reports/{gulu}");
        var emptyRefused = await comms.PostAsync(
            $"/communications/reports/{gulu}",
            new Dictionary<string, string> { ["ConfirmNoChildData"] = "true" },
            action: $"/communications/reports/{gulu}?handler=Publish");
        var emptyMessage = PublishTransparencyReport.EmptyReport(ReportPeriod.Year(2025));
        Assert.Contains(emptyMessage, WebUtility.HtmlDecode(emptyEditor), StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Publish", emptyEditor, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, emptyRefused.StatusCode);
        Assert.Contains(emptyMessage, WebUtility.HtmlDecode(await emptyRefused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("handler=Publish", editor, StringComparison.Ordinal);

        var refused = await comms.PostAsync(url, new Dictionary<string, string>(), action: url + "?handler=Publish");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(
            PublishTransparencyReport.ConfirmationRequired,
            WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()),
            StringComparison.Ordinal);
        Assert.Equal(
            ReportStatus.Draft,
            await portal.QueryAsync(db => db.TransparencyReports.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
        Assert.Equal(0, await portal.QueryAsync(db => db.ImpactUpdates.CountAsync()));

        var published = await comms.PostAsync(
            url,
            new Dictionary<string, string> { ["ConfirmNoChildData"] = "true" },
            action: url + "?handler=Publish");

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var report = await portal.QueryAsync(db => db.TransparencyReports.SingleAsync(r => r.Id == id));
        Assert.Equal(ReportStatus.Published, report.Status);
        Assert.StartsWith("communications-", report.ChildDataConfirmedBy, StringComparison.Ordinal);
        Assert.NotNull(report.ChildDataConfirmedAt);
        Assert.Equal(1, await portal.QueryAsync(db => db.ImpactUpdates.CountAsync(u => u.TransparencyReportId == id)));
        Assert.Equal(2, ReportOutcome.ListFromJson(report.OutcomesJson).Count);
    }

    [Fact]
    public async Task Finance_staff_and_visitors_cannot_see_the_reports_desk()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");

        var forbidden = await finance.GetAsync("/communications/reports");
        var anonymous = await portal.Browser().GetAsync("/communications/reports");

        Assert.False(forbidden.IsSuccessStatusCode);
        Assert.False(anonymous.IsSuccessStatusCode);
        Assert.False((await finance.GetAsync("/communications/reports?handler=Csv")).IsSuccessStatusCode);
    }
}

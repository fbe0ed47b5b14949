using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Areas;

/// <summary>Finance verifies the audit chain on a page that names the first record changed behind the portal's back.</summary>
public class AuditChainPageTests
{
    [Fact]
    public async Task Finance_verifies_the_chain_and_sees_the_first_tampered_record_named()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");
        await finance.PostAsync("/finance/spending", new Dictionary<string, string>
        {
            ["Line.Fund"] = "nairobi",
            ["Line.Category"] = "education",
            ["Line.Date"] = "2026-01-07",
            ["Line.Amount"] = "20",
            ["Line.Currency"] = "EUR",
            ["Line.Description"] = "Books",
        }, action: "/finance/spending?handler=Add");

        var intact = await finance.PostAsync("/finance/audit", new Dictionary<string, string>(), action: "/finance/audit?handler=Verify");
        var intactPage = WebUtility.HtmlDecode(await intact.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, intact.StatusCode);
        Assert.Contains("The chain is intact", intactPage, StringComparison.Ordinal);

        var target = await portal.QueryAsync(db => db.AuditRecords.SingleAsync(r => r.Action == "spending.recorded"));
        await portal.QueryAsync(
            db => db.AuditRecords.Where(r => r.Id == target.Id).ExecuteUpdateAsync(set => set.SetProperty(r => r.ActorName, "somebody else")));
        var broken = await finance.PostAsync("/finance/audit", new Dictionary<string, string>(), action: "/finance/audit?handler=Verify");
        var brokenPage = WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync());

        Assert.Contains("The chain is broken", brokenPage, StringComparison.Ordinal);
        Assert.Contains($"audit id {target.Id}", brokenPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Communications_staff_cannot_see_the_audit_trail()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var communications = portal.Browser();
        await communications.SignInAsStaffAsync(portal, "Communications");

        Assert.False((await communications.GetAsync("/finance/audit")).IsSuccessStatusCode);
        Assert.False((await portal.Browser().GetAsync("/finance/audit")).IsSuccessStatusCode);
    }
}

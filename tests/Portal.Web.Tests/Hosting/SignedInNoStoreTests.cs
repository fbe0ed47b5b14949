using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Pages;

namespace Portal.Web.Tests.Hosting;

/// <summary>Every answer to a signed-in donor or staff member is no-store, downloads above all; anonymous public pages stay cacheable.</summary>
public class SignedInNoStoreTests
{
    [Fact]
    public async Task Every_download_and_page_of_a_signed_in_donor_or_staff_member_is_no_store()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var donor = portal.Browser();
        await DonorPathTests.GiveAsync(portal, donor, "ada@example.org");
        await donor.SignInAsync(portal, "ada@example.org");
        var charge = await portal.QueryAsync(db => db.Charges.SingleAsync());
        var year = TimeZoneInfo.ConvertTimeFromUtc(charge.SucceededAt!.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Vienna")).Year;
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");
        var communications = portal.Browser();
        await communications.SignInAsStaffAsync(portal, "Communications");
        var runId = await portal.QueryAsync(db => db.ChargeRuns.Select(r => (long?)r.Id).FirstOrDefaultAsync());

        var answers = new List<(string Url, HttpResponseMessage Response)>();
        foreach (var url in new[]
        {
            "/account", "/account?handler=Csv", $"/account/receipts/{charge.Id}", $"/account/tax-statements/{year}", "/", "/funds/nairobi",
        })
        {
            answers.Add((url, await donor.GetAsync(url)));
        }

        foreach (var url in new[]
        {
            "/finance", "/finance?handler=Csv", "/finance?handler=MonthlyCsv", "/finance/statements?handler=Csv&fund=nairobi",
            "/finance/spending?handler=Csv", "/finance/payouts?handler=Csv", "/finance/disputes?handler=Csv", "/finance/pastdue?handler=Csv",
            "/finance/refunds?handler=Csv", "/finance/bank?handler=Csv", "/finance/runs?handler=Csv", $"/finance/runs?handler=Progress&id={runId}",
            "/finance/exports", "/",
        })
        {
            answers.Add((url, await finance.GetAsync(url)));
        }

        foreach (var url in new[] { "/communications", "/communications/reports?handler=Csv", "/communications/updates?handler=Csv" })
        {
            answers.Add((url, await communications.GetAsync(url)));
        }

        Assert.All(answers, a => Assert.True(
            a.Response.Headers.CacheControl?.NoStore == true,
            $"{a.Url} answered {(int)a.Response.StatusCode} with Cache-Control '{a.Response.Headers.CacheControl}'"));
        Assert.All(
            answers.Where(a => a.Url.Contains("Csv", StringComparison.Ordinal)),
            a => Assert.Equal(HttpStatusCode.OK, a.Response.StatusCode));
        Assert.Equal(HttpStatusCode.OK, answers.Single(a => a.Url.StartsWith("/account/receipts", StringComparison.Ordinal)).Response.StatusCode);
        var statement = answers.Single(a => a.Url.StartsWith("/account/tax-statements", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, statement.Response.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_visitor_gets_public_pages_without_no_store_even_after_a_donor_read_them()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var donor = portal.Browser();
        await DonorPathTests.GiveAsync(portal, donor, "ada@example.org");
        await donor.SignInAsync(portal, "ada@example.org");

        var signedIn = await donor.GetAsync("/funds/nairobi");
        var anonymous = await portal.Browser().GetAsync("/funds/nairobi");

        Assert.True(signedIn.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.NotEqual(true, anonymous.Headers.CacheControl?.NoStore);
    }
}

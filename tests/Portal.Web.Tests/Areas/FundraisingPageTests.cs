using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Fundraising;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Pages;

namespace Portal.Web.Tests.Areas;

/// <summary>/finance/fundraising: the figures the Core counts, to the cent, on the page and in its exports; its lists; who may see it.</summary>
public class FundraisingPageTests
{
    [Fact]
    public async Task Finance_reads_the_figures_the_core_counts_on_the_page_and_in_the_exports()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "grace@example.org");
        await portal.QueryAsync(async db =>
        {
            var grace = await db.Sponsorships.SingleAsync(s => db.Donors.Any(d => d.Id == s.DonorId && d.Email == "grace@example.org"));
            grace.Status = SponsorshipStatus.PastDue;
            grace.PastDueSince = DateTime.UtcNow;
            return await db.SaveChangesAsync();
        });
        var today = portal.Services.GetRequiredService<CharityCalendar>().Today;
        await using var scope = portal.Services.CreateAsyncScope();
        var year = await scope.ServiceProvider.GetRequiredService<FundraisingFigures>().YearAsync(today.Year, null, today, CancellationToken.None);
        var month = Assert.Single(year.Currencies).Months[^1];
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");

        var page = await finance.TextAsync("/finance/fundraising");
        var csv = await TextOf(await finance.GetAsync("/finance/fundraising?handler=Export&format=csv"));
        var xlsx = await finance.GetAsync($"/finance/fundraising?handler=Export&format=xlsx&year={today.Year}");
        var pastDue = await TextOf(await finance.GetAsync("/finance/fundraising?handler=List&list=past-due&format=csv"));

        // Two sponsors started this month; Grace's payment is past due, so only Ada's EUR 30 is promised each month.
        Assert.Equal((2L, 2L, 3_000L), (month.Running, month.Started, month.Monthly.Minor));
        var row = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[^1].Split(',');
        Assert.Equal(
            ["EUR", month.Month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "2", month.Monthly.ToPlainString(), "2"],
            row[..5]);
        Assert.Equal(month.Gross.ToPlainString(), row[12]);
        Assert.Equal(month.AverageGift!.Value.ToPlainString(), row[13]);
        Assert.Contains($"id=\"fundraising-EUR\"", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains("data-count=\"past-due\">1<", page, StringComparison.Ordinal);
        Assert.Contains("data-count=\"lapsed\">0<", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("PK", Encoding.ASCII.GetString((await xlsx.Content.ReadAsByteArrayAsync())[..2]));
        Assert.Contains("grace@example.org", pastDue, StringComparison.Ordinal);
        Assert.DoesNotContain("ada@example.org", pastDue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Communications_writes_to_a_list_and_donor_care_may_not_open_the_figures()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var communications = portal.Browser();
        await communications.SignInAsStaffAsync(portal, "Communications");
        var donorCare = portal.Browser();
        await donorCare.SignInAsStaffAsync(portal, "DonorCare");

        var page = await communications.TextAsync("/finance/fundraising");
        var editor = await communications.TextAsync("/communications/updates/edit?audience=LapsedDonors");
        var refused = await donorCare.GetAsync("/finance/fundraising");

        Assert.Contains("/communications/updates/edit?audience=LapsedDonors", page, StringComparison.Ordinal);
        Assert.Contains("value=\"LapsedDonors\"\n            checked=\"checked\"", editor.Replace("\r\n", "\n"), StringComparison.Ordinal);
        Assert.True(
            refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.AbsolutePath == "/status/403",
            $"{refused.StatusCode} {refused.Headers.Location}");
        foreach (var bad in new[] { "?year=1800", "?fund=NOPE", "?handler=List&list=everyone&format=csv", "?handler=Export&format=pdf" })
        {
            var answer = await communications.GetAsync("/finance/fundraising" + bad);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        }
    }

    private static async Task<string> TextOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
    }
}

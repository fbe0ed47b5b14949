using Microsoft.EntityFrameworkCore;
using Portal.Core.Sponsorships;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Browser;

/// <summary>A donor in a real browser sponsors a village monthly through the sandbox checkout and finds it on the dashboard.</summary>
[Collection(HangfireServerCollection.Name)]
public class DonorBrowserTests
{
    [SkippableFact]
    public async Task A_donor_sponsors_a_village_monthly_and_finds_it_on_the_dashboard()
    {
        await using var browser = await BrowserPortal.StartAsync();

        await DonorJourney.SponsorMonthlyAsync(browser.Page, (_, _) => Task.CompletedTask);

        var sponsorship = await browser.Portal.QueryAsync(db => db.Sponsorships.SingleAsync());
        Assert.Equal(SponsorshipStatus.Active, sponsorship.Status);
        Assert.Equal(SponsorshipInterval.Monthly, sponsorship.Interval);
        Assert.Equal(3000, sponsorship.AmountMinor);
    }
}

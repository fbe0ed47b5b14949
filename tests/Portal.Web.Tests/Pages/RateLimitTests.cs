using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Pages;

/// <summary>Card-testing bots are turned away with a clear 429 page, by address and by e-mail.</summary>
public class RateLimitTests
{
    [Fact]
    public async Task Too_many_checkouts_from_one_address_get_a_429_page()
    {
        await using var portal = await PortalFactory.CreateAsync(
            overrides: new Dictionary<string, string?> { ["CheckoutLimits:PerIpPerHour"] = "3" });
        var bot = portal.Browser();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(
                HttpStatusCode.Redirect,
                (await bot.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm($"card{i}@example.org"))).StatusCode);
        }

        var refused = await bot.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm("card9@example.org"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Too many attempts", page, StringComparison.Ordinal);
        Assert.Contains("nothing was charged", page, StringComparison.Ordinal);
        Assert.Equal(3, await portal.QueryAsync(db => db.Sponsorships.CountAsync()));
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync("/funds/nairobi/sponsor")).StatusCode);
    }

    [Fact]
    public async Task Too_many_checkouts_for_one_email_get_a_429_page()
    {
        await using var portal = await PortalFactory.CreateAsync(
            overrides: new Dictionary<string, string?> { ["CheckoutLimits:PerEmailPerHour"] = "2" });
        var donor = portal.Browser();
        await donor.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm("same@example.org"));
        await donor.PostAsync("/funds/gulu/sponsor", Donors.SponsorForm("same@example.org"));

        var refused = await donor.PostAsync("/funds/lviv/sponsor", Donors.SponsorForm("SAME@example.org"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many attempts", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await portal.QueryAsync(db => db.Sponsorships.CountAsync()));
    }
}

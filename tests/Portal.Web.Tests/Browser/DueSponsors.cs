using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Consent;
using Portal.Core.Donors;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Pages;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// A month on: sponsors of Nairobi whose next period is due today, every one agreeing to impact updates. The first
/// gives through the sandbox checkout; the others were added as if they had, with the first one's saved card.
/// </summary>
public static class DueSponsors
{
    public static async Task AddAsync(BrowserPortal browser, int count)
    {
        var portal = browser.Portal;
        using var donor = Client(browser);
        await DonorPathTests.GiveAsync(portal, donor, "ada@example.org");
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Portal.Core.Data.PortalDbContext>();
        var today = scope.ServiceProvider.GetRequiredService<CharityCalendar>().Today;
        // The first period was charged a month ago; the next is due today.
        await db.Charges.ExecuteUpdateAsync(set => set.SetProperty(c => c.PeriodStart, today.AddMonths(-1)));
        await db.Sponsorships.ExecuteUpdateAsync(set => set.SetProperty(s => s.NextPeriodStart, today));
        var card = await db.Sponsorships.SingleAsync();
        // The copies charge the card the gift saved: applying the checkout's event saved it.
        Assert.NotNull(card.GatewayPaymentMethodId);
        var now = DateTime.UtcNow;
        for (var i = 1; i < count; i++)
        {
            var email = $"sponsor{i}@example.org";
            var sponsor = new Donor
            {
                Email = email,
                NormalizedEmail = Donor.Normalize(email),
                Name = $"Sponsor {i}",
                CountryCode = "AT",
                MailConsents = MailConsent.AllTopics,
                CreatedAt = now,
            };
            db.Donors.Add(sponsor);
            db.Sponsorships.Add(new Sponsorship
            {
                DonorId = sponsor.Id,
                FundId = card.FundId,
                AmountMinor = 2500,
                Currency = card.Currency,
                Interval = SponsorshipInterval.Monthly,
                ChargeDay = today.Day,
                Status = SponsorshipStatus.Active,
                ConsentTopics = MailConsent.AllTopics,
                Gateway = card.Gateway,
                GatewayCustomerId = card.GatewayCustomerId,
                GatewayPaymentMethodId = card.GatewayPaymentMethodId,
                NextPeriodStart = today,
                CreatedAt = now.AddMonths(-1),
                StartedAt = now.AddMonths(-1),
            });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>A client of the portal on Kestrel that keeps cookies and does not follow redirects.</summary>
    public static HttpClient Client(BrowserPortal browser) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = new Uri(browser.BaseUrl),
        };
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Sponsorships;
using Portal.FakeStripe;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Webhooks;

namespace Portal.Web.Tests.Pages;

/// <summary>/account/payment-method: a donor sees the card their sponsorships are charged to and saves a new one.</summary>
public class PaymentMethodPageTests
{
    [Fact]
    public async Task A_donor_updates_their_card_on_the_sandbox_and_the_page_tells_pending_then_updated()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var donor = portal.Browser();
        await DonorPathTests.GiveAsync(portal, donor, "ada@example.org");
        await donor.SignInAsync(portal, "ada@example.org");

        Assert.Contains("/account/payment-method", await donor.TextAsync("/account"), StringComparison.Ordinal);
        var before = await donor.TextAsync("/account/payment-method");
        Assert.Contains("Visa ending in 4242", before, StringComparison.Ordinal);

        var started = await donor.PostAsync("/account/payment-method", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.StartsWith("http://localhost/sandbox/setup/cs_sandbox_", started.Headers.Location!.ToString(), StringComparison.Ordinal);
        var saved = await donor.PostAsync(
            started.Headers.Location.PathAndQuery,
            new Dictionary<string, string> { ["Number"] = "5555 5555 5555 4444", ["Expiry"] = "12/34", ["Cvc"] = "123" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var returned = saved.Headers.Location!.PathAndQuery;
        Assert.StartsWith("/account/payment-method?session_id=cs_sandbox_", returned, StringComparison.Ordinal);
        Assert.Contains("Pending", await donor.TextAsync(returned), StringComparison.Ordinal);

        await portal.RunJobsAsync();

        var after = await donor.TextAsync(returned);
        Assert.Contains("Updated", after, StringComparison.Ordinal);
        Assert.Contains("Mastercard ending in 4444", after, StringComparison.Ordinal);
        Assert.DoesNotContain("4242", after, StringComparison.Ordinal);
        var sponsorship = await portal.QueryAsync(db => db.Sponsorships.SingleAsync());
        Assert.Equal("4444", sponsorship.CardLast4);
    }

    [Fact]
    public async Task Updating_needs_the_pages_anti_forgery_token_and_a_signed_in_donor()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var donor = portal.Browser();
        await DonorPathTests.GiveAsync(portal, donor, "ada@example.org");

        Assert.Equal(HttpStatusCode.Redirect, (await portal.Browser().GetAsync("/account/payment-method")).StatusCode);
        await donor.SignInAsync(portal, "ada@example.org");
        var forged = await donor.PostAsync("/account/payment-method", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await portal.QueryAsync(db => db.SandboxPayments.CountAsync(p => p.Id.StartsWith("seti_"))));
    }

    [Fact]
    public async Task A_donor_updates_their_card_on_Stripe_and_a_past_due_sponsorship_is_active_again()
    {
        await using var stripe = await StripePortal.CreateAsync();
        var sessionId = await StripePathTests.StartCheckoutAsync(stripe, Donors.SponsorForm());
        await stripe.DeliverAsync(stripe.Stripe.CompleteCheckout(sessionId, TestPaymentMethods.Visa, new CardExpiry(4, 2027)));
        await stripe.Portal.RunJobsAsync();
        await stripe.Portal.QueryAsync(db => db.Sponsorships.ExecuteUpdateAsync(set => set.SetProperty(s => s.Status, SponsorshipStatus.PastDue)));
        var donor = stripe.Portal.Browser();
        await donor.SignInAsync(stripe.Portal, "ada@example.org");
        Assert.Contains("Valid until 04/2027", await donor.TextAsync("/account/payment-method"), StringComparison.Ordinal);

        var started = await donor.PostAsync("/account/payment-method", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.StartsWith(stripe.Stripe.BaseUrl, started.Headers.Location!.ToString(), StringComparison.Ordinal);
        var setupSession = started.Headers.Location.Segments[^1];
        var events = stripe.Stripe.CompleteSetupCheckout(setupSession, TestPaymentMethods.Mastercard, new CardExpiry(9, 2031));
        await stripe.DeliverAsync([.. events, .. events]);
        var returned = $"/account/payment-method?session_id={setupSession}";
        Assert.Contains("Pending", await donor.TextAsync(returned), StringComparison.Ordinal);

        await stripe.Portal.RunJobsAsync();

        var after = await donor.TextAsync(returned);
        Assert.Contains("Updated", after, StringComparison.Ordinal);
        Assert.Contains("Mastercard ending in 4444", after, StringComparison.Ordinal);
        Assert.Contains("Valid until 09/2031", after, StringComparison.Ordinal);
        var sponsorship = await stripe.Portal.QueryAsync(db => db.Sponsorships.SingleAsync());
        Assert.Equal(SponsorshipStatus.Active, sponsorship.Status);
        var setupIntent = await stripe.Stripe.CreateClient().V1.SetupIntents
            .GetAsync((await stripe.Stripe.CreateClient().V1.Checkout.Sessions.GetAsync(setupSession)).SetupIntentId);
        Assert.Equal(setupIntent.PaymentMethodId, sponsorship.GatewayPaymentMethodId);
        Assert.Equal(sponsorship.GatewayCustomerId, setupIntent.CustomerId);
    }

    [Fact]
    public async Task The_expiring_card_reminders_link_opens_the_page_with_the_Update_card_button()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var donor = portal.Browser();
        await DonorPathTests.GiveAsync(portal, donor, "ada@example.org");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await portal.QueryAsync(db => db.Sponsorships.ExecuteUpdateAsync(set => set
            .SetProperty(s => s.CardExpiresOn, today.AddDays(2)).SetProperty(s => s.NextPeriodStart, today.AddDays(6))));
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<CardExpiryReminders>().QueueAsync(CancellationToken.None));
        }

        await portal.RunJobsAsync();
        var link = await Donors.LatestLinkAsync(portal, "ada@example.org", "/account/payment-method");

        Assert.Equal("http://localhost/account/payment-method", link.ToString());
        await donor.SignInAsync(portal, "ada@example.org");
        var page = await donor.TextAsync(link.PathAndQuery);
        Assert.Contains("Update card", page, StringComparison.Ordinal);
        Assert.Contains($"Valid until {today.AddDays(2):MM/yyyy}", page, StringComparison.Ordinal);
    }
}

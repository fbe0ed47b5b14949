using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Payments.Events;
using Portal.Core.Payments.Peaks;
using Portal.FakeStripe;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Webhooks;

/// <summary>
/// Past the configured limits the portal answers at once and honestly (decision 036): Stripe gets 503 with Retry-After
/// and delivers again later; a donor gets the form back as typed, asked to send it again in a minute. Nothing is lost.
/// </summary>
public class BackPressureTests
{
    [Fact]
    public async Task Past_the_inbox_limit_a_delivery_gets_503_with_retry_after_and_is_taken_once_the_inbox_drains()
    {
        await using var stripe = await StripePortal.CreateAsync(overrides: new Dictionary<string, string?>
        {
            ["Peaks:MaxUnappliedEvents"] = "2",
            ["Peaks:DepthReadEvery"] = "00:00:00",
            ["Peaks:RetryAfterSeconds"] = "60",
        });
        var first = await StripePathTests.StartCheckoutAsync(stripe, Donors.SponsorForm());
        var second = await StripePathTests.StartCheckoutAsync(stripe, Donors.SponsorForm(email: "grace@example.org"));
        // Two events wait (the first checkout's session and intent): the inbox is at its limit.
        await stripe.DeliverAsync(stripe.Stripe.CompleteCheckout(first));
        var later = stripe.Stripe.CompleteCheckout(second).ToList();
        using var client = stripe.Portal.CreateClient();
        var endpoint = new Uri(client.BaseAddress!, "/webhooks/stripe");

        using var deferred = await FakeWebhook.DeliverAsync(client, endpoint, later[0], StripePortal.WebhookSecret);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, deferred.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), deferred.Headers.RetryAfter?.Delta);
        Assert.Contains("deliver this one again later", await deferred.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await stripe.Portal.QueryAsync(db => db.GatewayEvents.CountAsync()));

        await stripe.Portal.RunJobsAsync();
        // Stripe's retry: the same events, now taken and applied; both donors' gifts are there, none twice.
        await stripe.DeliverAsync(later);
        await stripe.Portal.RunJobsAsync();

        var events = await stripe.Portal.QueryAsync(db => db.GatewayEvents.AsNoTracking().ToListAsync());
        Assert.Equal(4, events.Count);
        Assert.All(events, e => Assert.Equal(GatewayEventStatus.Applied, e.Status));
        var charges = await stripe.Portal.QueryAsync(db => db.Charges.AsNoTracking().ToListAsync());
        Assert.Equal(2, charges.Count);
        Assert.All(charges, c => Assert.Equal(Portal.Core.Sponsorships.ChargeStatus.Succeeded, c.Status));
    }

    [Fact]
    public async Task Past_the_checkout_limit_a_donor_gets_the_form_back_as_typed_with_503_and_can_send_it_again()
    {
        await using var stripe = await StripePortal.CreateAsync(overrides: new Dictionary<string, string?>
        {
            ["Peaks:MaxConcurrentCheckouts"] = "1",
            ["Peaks:RetryAfterSeconds"] = "60",
        });
        var gate = stripe.Portal.Services.GetRequiredService<CheckoutGate>();
        var browser = stripe.Portal.Browser();
        var form = Donors.SponsorForm(email: "busy.donor@example.org", amount: "42");

        HttpResponseMessage refused;
        using (var other = gate.TryEnter())
        {
            // Another donor's checkout holds the node's only place.
            Assert.NotNull(other);
            refused = await browser.PostAsync("/funds/nairobi/sponsor", form);
        }

        var page = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("Many people are giving right now", page, StringComparison.Ordinal);
        Assert.Contains("value=\"busy.donor@example.org\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"42\"", page, StringComparison.Ordinal);
        Assert.Equal(0, await stripe.Portal.QueryAsync(db => db.Sponsorships.CountAsync()));
        Assert.Equal(0, gate.Inside);

        var session = await StripePathTests.StartCheckoutAsync(stripe, form, browser);

        Assert.NotEmpty(session);
        Assert.Equal(1, await stripe.Portal.QueryAsync(db => db.Sponsorships.CountAsync()));
        Assert.Equal(0, gate.Inside);
    }
}

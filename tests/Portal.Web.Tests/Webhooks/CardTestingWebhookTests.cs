using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Hosting.Limits;
using Portal.Core.Payments;
using Portal.Core.Payments.Events;
using Portal.Core.Sponsorships.CardTesting;
using Portal.FakeStripe;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Webhooks;

/// <summary>
/// On Stripe's hosted page the portal learns of a declined card only from the signed payment_intent.payment_failed
/// webhook, which carries the card's fingerprint: those events feed the card-testing limits, a repeated delivery
/// counts once, and other event types count nothing.
/// </summary>
public class CardTestingWebhookTests
{
    // DeclineVelocity's names for its counters in the shared limits table.
    private const string CardCounter = "declines-card";
    private const string StoppedCounter = "checkout-stopped";

    private static readonly Dictionary<string, string?> Limits = new()
    {
        ["CardTesting:DeclinesPerFingerprint"] = "2",
        // The browser's and the fund's own limits stay out of reach: only the card's count stops anyone here.
        ["CardTesting:DeclinesPerSession"] = "100",
        ["CardTesting:DeclinesPerFund"] = "100",
    };

    [Fact]
    public async Task A_card_declined_too_often_stops_the_browsers_that_try_it_and_a_repeated_delivery_counts_once()
    {
        await using var stripe = await StripePortal.CreateAsync(overrides: Limits);
        var bot = stripe.Portal.Browser();
        var first = await DeclineOnHostedPageAsync(stripe, bot, TestPaymentMethods.Declined);
        var card = Fingerprint(first);

        // Stripe delivers at least once: the same event twice at once, and again after it was applied.
        await stripe.DeliverAsync([first, first]);
        await stripe.Portal.RunJobsAsync();
        await stripe.DeliverAsync([first]);
        await stripe.Portal.RunJobsAsync();

        var stored = await stripe.Portal.QueryAsync(db => db.GatewayEvents.Where(e => e.EventId == first.Id).ToListAsync());
        Assert.Equal(GatewayEventStatus.Applied, Assert.Single(stored).Status);
        Assert.Equal(1, await CountAsync(stripe, CardCounter, card));

        // Counted once, so the browser is still under the card's limit of two and may start another checkout.
        var second = await DeclineOnHostedPageAsync(stripe, bot, TestPaymentMethods.Declined);
        Assert.Equal(card, Fingerprint(second));
        await stripe.DeliverAsync([second]);
        await stripe.Portal.RunJobsAsync();

        Assert.Equal(2, await CountAsync(stripe, CardCounter, card));
        await AssertRefusedAsync(bot);
        Assert.Equal(1, await CountAsync(stripe, StoppedCounter, await ReferenceAsync(stripe, second)));

        // Another card declined once from another browser stops nothing.
        var other = stripe.Portal.Browser();
        var otherCard = await DeclineOnHostedPageAsync(stripe, other, TestPaymentMethods.InsufficientFunds);
        Assert.NotEqual(card, Fingerprint(otherCard));
        await stripe.DeliverAsync([otherCard]);
        await stripe.Portal.RunJobsAsync();
        await StripePathTests.StartCheckoutAsync(stripe, Donors.SponsorForm(SharedPortal.Email("other")), other);

        // The card over its limit stops a fresh browser at its first decline.
        var fresh = stripe.Portal.Browser();
        var third = await DeclineOnHostedPageAsync(stripe, fresh, TestPaymentMethods.Declined);
        await stripe.DeliverAsync([third]);
        await stripe.Portal.RunJobsAsync();

        Assert.Equal(3, await CountAsync(stripe, CardCounter, card));
        await AssertRefusedAsync(fresh);
    }

    [Fact]
    public async Task Only_a_failed_payment_intent_counts_and_a_charge_failed_event_with_the_same_card_does_not()
    {
        await using var stripe = await StripePortal.CreateAsync(overrides: Limits);
        var bot = stripe.Portal.Browser();
        var declined = await DeclineOnHostedPageAsync(stripe, bot, TestPaymentMethods.Declined);
        var card = Fingerprint(declined);
        var sessionId = await StripePathTests.StartCheckoutAsync(stripe, Donors.SponsorForm(SharedPortal.Email("bot")), bot);
        var chargeId = await stripe.Portal.QueryAsync(db => db.Charges.Where(c => c.CheckoutSessionId == sessionId).Select(c => c.Id).SingleAsync());

        // Stripe sends charge.failed beside payment_intent.payment_failed for the same decline; the portal acts on the latter.
        var chargeFailed = ChargeFailed(declined, chargeId, card);
        await stripe.DeliverAsync([chargeFailed, chargeFailed]);
        await stripe.Portal.RunJobsAsync();

        var stored = await stripe.Portal.QueryAsync(db => db.GatewayEvents.SingleAsync(e => e.EventId == chargeFailed.Id));
        Assert.Equal(GatewayEventStatus.Ignored, stored.Status);
        Assert.Equal(0, await CountAsync(stripe, CardCounter, card));
        await StripePathTests.StartCheckoutAsync(stripe, Donors.SponsorForm(SharedPortal.Email("bot")), bot);

        await stripe.DeliverAsync([declined]);
        await stripe.Portal.RunJobsAsync();

        Assert.Equal(1, await CountAsync(stripe, CardCounter, card));
    }

    [Fact]
    public async Task A_decline_that_cannot_be_counted_leaves_its_event_applied_once_and_is_not_counted_later()
    {
        await using var stripe = await StripePortal.CreateAsync(overrides: Limits);
        var declined = await DeclineOnHostedPageAsync(stripe, stripe.Portal.Browser(), TestPaymentMethods.Declined);
        var card = Fingerprint(declined);

        // The fault: the shared counters refuse every write, after the event's own transaction has committed.
        const string fault = "CREATE TRIGGER refuse_counts BEFORE INSERT ON LimitCounters BEGIN SELECT RAISE(ABORT, 'injected'); END;";
        await stripe.Portal.QueryAsync(db => db.Database.ExecuteSqlRawAsync(fault));
        await stripe.DeliverAsync([declined]);
        await stripe.Portal.RunJobsAsync();
        await stripe.Portal.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_counts;"));
        await stripe.DeliverAsync([declined]);
        await stripe.Portal.RunJobsAsync();

        var stored = await stripe.Portal.QueryAsync(db => db.GatewayEvents.SingleAsync(e => e.EventId == declined.Id));
        Assert.Equal(GatewayEventStatus.Applied, stored.Status);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal(0, await CountAsync(stripe, CardCounter, card));
    }

    /// <summary>Starts a checkout from <paramref name="browser"/> and declines the card on the hosted page: the one event Stripe sends.</summary>
    private static async Task<FakeEvent> DeclineOnHostedPageAsync(StripePortal stripe, HttpClient browser, string card)
    {
        var sessionId = await StripePathTests.StartCheckoutAsync(stripe, Donors.SponsorForm(SharedPortal.Email("bot")), browser);
        var declined = Assert.Single(stripe.Stripe.CompleteCheckout(sessionId, card));
        Assert.Equal(GatewayEventTypes.PaymentIntentPaymentFailed, declined.Type);
        return declined;
    }

    private static async Task AssertRefusedAsync(HttpClient browser)
    {
        var refused = await browser.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm(SharedPortal.Email("bot")));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var refusal = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains(DeclineVelocity.SessionRefusal.ToString(), refusal, StringComparison.Ordinal);
    }

    /// <summary>Where Stripe puts the declined card's fingerprint on a failed PaymentIntent.</summary>
    private static string Fingerprint(FakeEvent declined) =>
        JsonNode.Parse(declined.Json)!["data"]!["object"]!["last_payment_error"]!["payment_method"]!["card"]!["fingerprint"]!.GetValue<string>();

    /// <summary>The browser reference the portal kept on the sponsorship whose checkout <paramref name="declined"/> is about.</summary>
    private static Task<string> ReferenceAsync(StripePortal stripe, FakeEvent declined)
    {
        var chargeId = Guid.Parse(JsonNode.Parse(declined.Json)!["data"]!["object"]!["metadata"]![PaymentMetadata.ChargeId]!.GetValue<string>());
        return stripe.Portal.QueryAsync(db => db.Charges.Where(c => c.Id == chargeId)
            .Join(db.Sponsorships, c => c.SponsorshipId, s => s.Id, (c, s) => s.CheckoutReference!).SingleAsync());
    }

    /// <summary>The count in the current window of one of the shared limits (summed over windows: the test's all fall in one).</summary>
    private static Task<int> CountAsync(StripePortal stripe, string policy, string subject)
    {
        var key = SharedLimits.Key(policy, subject);
        return stripe.Portal.QueryAsync(db => db.LimitCounters.Where(c => c.Key == key).SumAsync(c => c.Count));
    }

    /// <summary>
    /// A charge.failed event for <paramref name="chargeId"/> with the declined <paramref name="card"/>: Stripe's example
    /// charge in the envelope of an event the fake sent.
    /// </summary>
    private static FakeEvent ChargeFailed(FakeEvent envelopeOf, Guid chargeId, string card)
    {
        var charge = JsonNode.Parse(FakeStripeFixtures.Json("charge"))!.AsObject();
        charge["id"] = $"ch_{Guid.NewGuid():N}";
        charge["status"] = "failed";
        charge["paid"] = false;
        charge["captured"] = false;
        charge["failure_code"] = "card_declined";
        charge["failure_message"] = "Your card was declined.";
        charge["metadata"] = new JsonObject { [PaymentMetadata.ChargeId] = chargeId.ToString() };
        charge["payment_method_details"]!["card"]!["fingerprint"] = card;
        var stripeEvent = JsonNode.Parse(envelopeOf.Json)!.AsObject();
        var id = $"evt_{Guid.NewGuid():N}";
        stripeEvent["id"] = id;
        stripeEvent["type"] = "charge.failed";
        stripeEvent["data"]!["object"] = charge;
        return new FakeEvent(id, "charge.failed", envelopeOf.Created, stripeEvent.ToJsonString());
    }
}

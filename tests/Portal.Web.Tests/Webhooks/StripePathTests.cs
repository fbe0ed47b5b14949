using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Payments.Events;
using Portal.Core.Sponsorships;
using Portal.FakeStripe;
using Portal.Testing;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Webhooks;

/// <summary>The first gift through Stripe Checkout (the fake), its signed webhooks and the ledger.</summary>
public class StripePathTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_card_gift_is_recorded_once_with_Stripes_fee_however_the_events_arrive(DatabaseProvider provider)
    {
        await using var stripe = await StripePortal.CreateAsync(provider);
        var sessionId = await StartCheckoutAsync(stripe, Donors.SponsorForm());
        var events = stripe.Stripe.CompleteCheckout(sessionId);

        // Reordered, and each delivered three times.
        await stripe.DeliverAsync([.. events.Reverse(), .. events, .. events]);
        await stripe.Portal.RunJobsAsync();

        Assert.Equal(2, await stripe.Portal.QueryAsync(db => db.GatewayEvents.CountAsync()));
        var charge = await stripe.Portal.QueryAsync(db => db.Charges.SingleAsync());
        Assert.Equal(ChargeStatus.Succeeded, charge.Status);
        var stripeFee = await BalanceTransactionFeeAsync(stripe, charge.PaymentIntentId!);
        Assert.Equal(stripeFee, charge.FeeMinor);
        Assert.False(charge.FeeIsEstimate);
        var lines = await stripe.Portal.QueryAsync(db => db.JournalLines.Include(l => l.Account)
            .Where(l => db.JournalEntries.Any(e => e.Id == l.JournalEntryId && e.ChargeId == charge.Id))
            .ToListAsync());
        Assert.Equal(0, lines.Sum(l => l.AmountMinor));
        Assert.Equal(stripeFee, lines.Where(l => l.Account!.Kind == AccountKind.FundFees).Sum(l => l.AmountMinor));
        var sponsorship = await stripe.Portal.QueryAsync(db => db.Sponsorships.SingleAsync());
        Assert.Equal(SponsorshipStatus.Active, sponsorship.Status);
        Assert.Equal(stripe.Stripe.PaymentIntents.Single().PaymentMethod, sponsorship.GatewayPaymentMethodId);
        Assert.Equal(1, await stripe.Portal.QueryAsync(db => db.OutboundEmails.CountAsync()));
    }

    [Fact]
    public async Task A_SEPA_gift_says_processing_until_the_bank_settles_it()
    {
        await using var stripe = await StripePortal.CreateAsync();
        var sessionId = await StartCheckoutAsync(stripe, Donors.SponsorForm());
        await stripe.DeliverAsync(stripe.Stripe.CompleteCheckout(sessionId, TestPaymentMethods.SepaDebit));
        await stripe.Portal.RunJobsAsync();

        var thankYou = await stripe.Portal.Browser().TextAsync($"/sponsor/thank-you?session_id={sessionId}");
        Assert.Contains("Processing", thankYou, StringComparison.Ordinal);
        Assert.Equal(0, await stripe.Portal.QueryAsync(db => db.JournalEntries.CountAsync(e => e.ChargeId != null)));

        // The page looks again by itself (and offers a link to), waiting longer with each look.
        var again = $"/sponsor/thank-you?session_id={sessionId}&look=1";
        Assert.Contains($"data-look-again-after=\"5\" data-look-again-url=\"{again}\"", thankYou, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{again}\">", thankYou, StringComparison.Ordinal);
        var thirdLook = await stripe.Portal.Browser().TextAsync($"/sponsor/thank-you?session_id={sessionId}&look=2");
        Assert.Contains("data-look-again-after=\"20\"", thirdLook, StringComparison.Ordinal);

        await stripe.DeliverAsync(stripe.Stripe.SettleAsyncPayment(sessionId, succeed: true));
        await stripe.Portal.RunJobsAsync();

        var settled = await stripe.Portal.Browser().TextAsync($"/sponsor/thank-you?session_id={sessionId}&look=3");
        Assert.Contains("<p class=\"status ok\">Paid</p>", settled, StringComparison.Ordinal);
        // Paid: nothing to wait for (an empty data- attribute is still written; site.js does nothing with it).
        Assert.DoesNotMatch("data-look-again-after=\"[0-9]", settled);
        Assert.Equal(1, await stripe.Portal.QueryAsync(db => db.JournalEntries.CountAsync(e => e.ChargeId != null)));
    }

    [Fact]
    public async Task A_returned_SEPA_debit_tells_the_donor_and_posts_nothing()
    {
        await using var stripe = await StripePortal.CreateAsync();
        var sessionId = await StartCheckoutAsync(stripe, Donors.SponsorForm());
        await stripe.DeliverAsync(stripe.Stripe.CompleteCheckout(sessionId, TestPaymentMethods.SepaDebit));
        await stripe.DeliverAsync(stripe.Stripe.SettleAsyncPayment(sessionId, succeed: false));
        await stripe.Portal.RunJobsAsync();

        Assert.Contains(
            "did not go through",
            await stripe.Portal.Browser().TextAsync($"/sponsor/thank-you?session_id={sessionId}"),
            StringComparison.Ordinal);
        Assert.Equal(SponsorshipStatus.Failed, (await stripe.Portal.QueryAsync(db => db.Sponsorships.SingleAsync())).Status);
        Assert.Equal(0, await stripe.Portal.QueryAsync(db => db.JournalEntries.CountAsync(e => e.ChargeId != null)));
    }

    [Fact]
    public async Task A_returning_donor_reuses_their_Stripe_customer()
    {
        await using var stripe = await StripePortal.CreateAsync();
        var first = await StartCheckoutAsync(stripe, Donors.SponsorForm());
        await stripe.DeliverAsync(stripe.Stripe.CompleteCheckout(first));
        await stripe.Portal.RunJobsAsync();
        var customer = (await stripe.Portal.QueryAsync(db => db.DonorGatewayCustomers.SingleAsync())).CustomerId;

        var second = await StartCheckoutAsync(stripe, Donors.SponsorForm(interval: "Once"));

        var session = await stripe.Stripe.CreateClient().V1.Checkout.Sessions.GetAsync(second);
        Assert.Equal(customer, session.CustomerId);
    }

    [Fact]
    public async Task Stripe_being_down_gives_the_donor_a_clear_message_and_stores_nothing()
    {
        await using var stripe = await StripePortal.CreateAsync();
        stripe.Stripe.Faults.Enqueue("POST /v1/checkout/sessions", FaultKind.ServerErrorBeforeExecution, count: 10);

        var response = await stripe.Portal.Browser().PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("not answering", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await stripe.Portal.QueryAsync(db => db.Sponsorships.CountAsync()));
        Assert.Equal(0, await stripe.Portal.QueryAsync(db => db.Donors.CountAsync()));
    }

    /// <param name="browser">The browser that sends the form (its cookies kept); a new one when null.</param>
    internal static async Task<string> StartCheckoutAsync(StripePortal stripe, Dictionary<string, string> form, HttpClient? browser = null)
    {
        var response = await (browser ?? stripe.Portal.Browser()).PostAsync("/funds/nairobi/sponsor", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(stripe.Stripe.BaseUrl, response.Headers.Location!.ToString(), StringComparison.Ordinal);
        return response.Headers.Location.Segments[^1];
    }

    private static async Task<long> BalanceTransactionFeeAsync(StripePortal stripe, string paymentIntentId)
    {
        var intent = await stripe.Stripe.CreateClient().V1.PaymentIntents
            .GetAsync(paymentIntentId, new global::Stripe.PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction"] });
        return intent.LatestCharge.BalanceTransaction.Fee;
    }
}

using Stripe;
using Stripe.Checkout;

namespace Portal.FakeStripe.Tests;

public sealed class CheckoutCompletionTests : FakeStripeTestBase
{
    [Fact]
    public async Task A_card_payment_yields_completed_then_succeeded_events_that_verify_with_Stripe_net()
    {
        var session = await Client.V1.Checkout.Sessions.CreateAsync(DonationSession());

        var events = Stripe.CompleteCheckout(session.Id);

        Assert.Equal(["checkout.session.completed", "payment_intent.succeeded"], events.Select(e => e.Type));
        var parsed = events.Select(e => EventUtility.ConstructEvent(e.Json,
            FakeWebhook.Sign(e.Json, WebhookSecret, DateTimeOffset.UtcNow), WebhookSecret, 300, true)).ToList();
        Assert.All(parsed, p =>
        {
            Assert.StartsWith("evt_", p.Id, StringComparison.Ordinal);
            Assert.Equal(StripeConfiguration.ApiVersion, p.ApiVersion);
            Assert.Equal(1, p.PendingWebhooks);
            Assert.False(p.Livemode);
        });
        var completed = Assert.IsType<Session>(parsed[0].Data.Object);
        Assert.Equal(session.Id, completed.Id);
        Assert.Equal("paid", completed.PaymentStatus);
        Assert.Equal("complete", completed.Status);
        var succeeded = Assert.IsType<PaymentIntent>(parsed[1].Data.Object);
        Assert.Equal(completed.PaymentIntentId, succeeded.Id);
        Assert.Equal("succeeded", succeeded.Status);
    }

    [Fact]
    public async Task Tampered_body_wrong_secret_and_stale_timestamp_are_rejected()
    {
        var session = await Client.V1.Checkout.Sessions.CreateAsync(DonationSession());
        var json = Stripe.CompleteCheckout(session.Id)[0].Json;
        var header = FakeWebhook.Sign(json, WebhookSecret, DateTimeOffset.UtcNow);

        Assert.Throws<StripeException>(
            () => EventUtility.ConstructEvent(json.Replace("2500", "2", StringComparison.Ordinal), header, WebhookSecret, 300, true));
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(json, header, "whsec_other", 300, true));
        var stale = FakeWebhook.Sign(json, WebhookSecret, DateTimeOffset.UtcNow.AddMinutes(-10));
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(json, stale, WebhookSecret, 300, true));
    }

    [Fact]
    public async Task The_PaymentIntent_carries_the_session_metadata_and_a_saved_payment_method()
    {
        var session = await Client.V1.Checkout.Sessions.CreateAsync(DonationSession());
        Stripe.CompleteCheckout(session.Id, TestPaymentMethods.Mastercard);
        var completed = await Client.V1.Checkout.Sessions.GetAsync(session.Id);

        var pi = await Client.V1.PaymentIntents.GetAsync(completed.PaymentIntentId,
            new PaymentIntentGetOptions { Expand = ["payment_method", "latest_charge"] });

        Assert.Equal("chg-1", pi.Metadata["charge_id"]);
        Assert.Equal("c-7", pi.Metadata["child"]);
        Assert.Equal("Monthly sponsorship", pi.Description);
        Assert.Equal("off_session", pi.SetupFutureUsage);
        Assert.StartsWith("cus_", completed.CustomerId, StringComparison.Ordinal);
        Assert.Equal(completed.CustomerId, pi.CustomerId);
        Assert.StartsWith("pm_", pi.PaymentMethod.Id, StringComparison.Ordinal);
        Assert.Equal(completed.CustomerId, pi.PaymentMethod.CustomerId);
        Assert.Equal("mastercard", pi.PaymentMethod.Card.Brand);
        Assert.Equal("mastercard", pi.LatestCharge.PaymentMethodDetails.Card.Brand);

        // The saved card works for the next month's off-session charge.
        var next = await Client.V1.PaymentIntents.CreateAsync(OffSession(pi.PaymentMethod.Id, customer: completed.CustomerId, chargeId: "chg-2"));
        Assert.Equal("succeeded", next.Status);
    }

    [Fact]
    public async Task A_declined_card_only_fails_the_PaymentIntent_and_the_donor_can_try_again()
    {
        var session = await Client.V1.Checkout.Sessions.CreateAsync(DonationSession());

        var failed = Stripe.CompleteCheckout(session.Id, TestPaymentMethods.InsufficientFunds);
        var stillOpen = await Client.V1.Checkout.Sessions.GetAsync(session.Id);
        var paid = Stripe.CompleteCheckout(session.Id, TestPaymentMethods.Visa);

        var failure = Assert.IsType<PaymentIntent>(Assert.Single(failed, e => e.Type == "payment_intent.payment_failed").ToStripeEvent().Data.Object);
        Assert.Single(failed);
        Assert.Equal("insufficient_funds", failure.LastPaymentError.DeclineCode);
        Assert.Equal("open", stillOpen.Status);
        Assert.Null(stillOpen.PaymentIntentId);
        Assert.Equal(["checkout.session.completed", "payment_intent.succeeded"], paid.Select(e => e.Type));
        var pi = Assert.Single(Stripe.PaymentIntents);
        Assert.Equal(failure.Id, pi.Id);
        Assert.Equal("succeeded", pi.Status);
    }

    [Fact]
    public async Task Sepa_completes_unpaid_and_processing_then_settles_either_way()
    {
        var good = await Client.V1.Checkout.Sessions.CreateAsync(DonationSession());
        var bad = await Client.V1.Checkout.Sessions.CreateAsync(DonationSession());

        var started = Stripe.CompleteCheckout(good.Id, TestPaymentMethods.SepaDebit);
        Stripe.CompleteCheckout(bad.Id, TestPaymentMethods.SepaDebit);
        var succeeded = Stripe.SettleAsyncPayment(good.Id, succeed: true);
        var failed = Stripe.SettleAsyncPayment(bad.Id, succeed: false);

        Assert.Equal(["checkout.session.completed", "payment_intent.processing"], started.Select(e => e.Type));
        Assert.Equal("unpaid", Assert.IsType<Session>(started[0].ToStripeEvent().Data.Object).PaymentStatus);
        Assert.Equal(["checkout.session.async_payment_succeeded", "payment_intent.succeeded"], succeeded.Select(e => e.Type));
        Assert.Equal(["checkout.session.async_payment_failed", "payment_intent.payment_failed"], failed.Select(e => e.Type));
        Assert.Equal("paid", (await Client.V1.Checkout.Sessions.GetAsync(good.Id)).PaymentStatus);
        var badPi = await Client.V1.PaymentIntents.GetAsync((await Client.V1.Checkout.Sessions.GetAsync(bad.Id)).PaymentIntentId,
            new PaymentIntentGetOptions { Expand = ["latest_charge"] });
        Assert.Equal("requires_payment_method", badPi.Status);
        Assert.Equal("failed", badPi.LatestCharge.Status);
        Assert.Null(badPi.LatestCharge.BalanceTransactionId);
    }

    [Fact]
    public async Task A_three_d_secure_card_pays_on_the_page_but_its_saved_copy_fails_off_session()
    {
        var session = await Client.V1.Checkout.Sessions.CreateAsync(DonationSession());
        Stripe.CompleteCheckout(session.Id, TestPaymentMethods.AuthenticationRequired);
        var pi = await Client.V1.PaymentIntents.GetAsync((await Client.V1.Checkout.Sessions.GetAsync(session.Id)).PaymentIntentId);

        var ex = await Assert.ThrowsAsync<StripeException>(() =>
            Client.V1.PaymentIntents.CreateAsync(OffSession(pi.PaymentMethodId, customer: pi.CustomerId, chargeId: "chg-2")));

        Assert.Equal("succeeded", pi.Status);
        Assert.Equal("authentication_required", ex.StripeError.Code);
    }

    [Fact]
    public async Task Customer_creation_always_makes_a_customer_even_without_saving_the_card()
    {
        var options = DonationSession();
        options.PaymentIntentData.SetupFutureUsage = null;
        options.CustomerCreation = "always";
        var session = await Client.V1.Checkout.Sessions.CreateAsync(options);

        Stripe.CompleteCheckout(session.Id);
        var completed = await Client.V1.Checkout.Sessions
            .GetAsync(session.Id, new SessionGetOptions { Expand = ["customer", "payment_intent.payment_method"] });

        Assert.Equal("ada@example.org", completed.Customer.Email);
        Assert.Null(completed.PaymentIntent.PaymentMethod.CustomerId);
    }
}

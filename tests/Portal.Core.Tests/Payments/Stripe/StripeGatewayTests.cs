using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Payments;
using Portal.Core.Payments.Stripe;
using Portal.Core.Shared;
using Portal.FakeStripe;

namespace Portal.Core.Tests.Payments.Stripe;

/// <summary>The Stripe adapter with the real Stripe.net client against the in-repo fake Stripe server.</summary>
public sealed class StripeGatewayTests : IAsyncLifetime
{
    private FakeStripeServer stripe = null!;
    private StripeGateway gateway = null!;
    private string customerId = "";

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        gateway = new StripeGateway(stripe.CreateClient(maxNetworkRetries: 2, timeout: TimeSpan.FromSeconds(2)), NullLogger<StripeGateway>.Instance);
        customerId = (await stripe.CreateClient().V1.Customers.CreateAsync(new global::Stripe.CustomerCreateOptions { Email = "ada@example.org" }))
            .Id;
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Fact]
    public async Task A_recurring_gift_gets_a_donate_checkout_that_saves_the_card_and_carries_our_ids()
    {
        var request = Request(recurring: true);

        var created = Assert.IsType<CheckoutCreation.Created>(await gateway.CreateCheckoutAsync(request, CancellationToken.None));
        var session = await stripe.CreateClient().V1.Checkout.Sessions.GetAsync(created.SessionId);

        Assert.StartsWith(stripe.BaseUrl, created.RedirectUrl.ToString(), StringComparison.Ordinal);
        Assert.Equal("payment", session.Mode);
        Assert.Equal("donate", session.SubmitType);
        Assert.Equal(3071, session.AmountTotal);
        Assert.Equal("eur", session.Currency);
        Assert.Equal(request.ChargeId.ToString(), session.Metadata[PaymentMetadata.ChargeId]);
        Assert.Equal(request.SponsorshipId.ToString(), session.ClientReferenceId);
        Assert.Contains("{CHECKOUT_SESSION_ID}", session.SuccessUrl, StringComparison.Ordinal);

        stripe.CompleteCheckout(created.SessionId);
        var paid = await stripe.CreateClient().V1.Checkout.Sessions
            .GetAsync(created.SessionId, new global::Stripe.Checkout.SessionGetOptions { Expand = ["payment_intent"] });
        Assert.Equal("off_session", paid.PaymentIntent.SetupFutureUsage);
        Assert.Equal(request.ChargeId.ToString(), paid.PaymentIntent.Metadata[PaymentMetadata.ChargeId]);
        Assert.NotNull(paid.CustomerId);
    }

    [Fact]
    public async Task Creating_the_same_checkout_twice_replays_the_first_session()
    {
        var request = Request(recurring: false);

        var first = Assert.IsType<CheckoutCreation.Created>(await gateway.CreateCheckoutAsync(request, CancellationToken.None));
        var again = Assert.IsType<CheckoutCreation.Created>(await gateway.CreateCheckoutAsync(request, CancellationToken.None));

        Assert.Equal(first.SessionId, again.SessionId);
        var calls = stripe.Requests.ForKey($"checkout-{request.ChargeId}");
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].Replayed);
    }

    [Fact]
    public async Task An_existing_customer_is_reused_rather_than_created()
    {
        var customer = await stripe.CreateClient().V1.Customers.CreateAsync(new global::Stripe.CustomerCreateOptions { Email = "ada@example.org" });

        var created = Assert.IsType<CheckoutCreation.Created>(
            await gateway.CreateCheckoutAsync(Request(recurring: true) with { ExistingCustomerId = customer.Id }, CancellationToken.None));

        var session = await stripe.CreateClient().V1.Checkout.Sessions.GetAsync(created.SessionId);
        Assert.Equal(customer.Id, session.CustomerId);
    }

    [Fact]
    public async Task Deleting_a_customer_removes_it_and_deleting_it_again_counts_as_deleted()
    {
        Assert.IsType<CustomerDeletion.Deleted>(await gateway.DeleteCustomerAsync(customerId, "erasure-1-" + customerId, CancellationToken.None));
        Assert.IsType<CustomerDeletion.Deleted>(await gateway.DeleteCustomerAsync(customerId, "erasure-2-" + customerId, CancellationToken.None));

        var customer = await stripe.CreateClient().V1.Customers.GetAsync(customerId);
        Assert.True(customer.Deleted);
        // The second delete met Stripe's 404 for a customer already gone, which the adapter reads as done.
        var deletes = stripe.Requests.Entries.Where(r => r.Method == "DELETE").Select(r => r.Status).ToList();
        Assert.Equal([200, 404], deletes);
    }

    [Theory]
    [InlineData(FaultKind.RateLimit)]
    [InlineData(FaultKind.ServerErrorBeforeExecution)]
    public async Task A_gateway_that_keeps_failing_is_reported_as_unavailable(FaultKind fault)
    {
        stripe.Faults.Enqueue("POST /v1/checkout/sessions", fault, count: 5);

        var result = await gateway.CreateCheckoutAsync(Request(recurring: false), CancellationToken.None);

        Assert.IsType<CheckoutCreation.Unavailable>(result);
    }

    [Fact]
    public async Task A_paid_checkout_reads_back_with_the_real_fee_and_the_saved_method()
    {
        var created = (CheckoutCreation.Created)await gateway.CreateCheckoutAsync(Request(recurring: true), CancellationToken.None);
        stripe.CompleteCheckout(created.SessionId);
        var intent = stripe.PaymentIntents.Single();

        var lookup = await gateway.GetPaymentAsync(intent.Id, CancellationToken.None);

        Assert.Equal(PaymentState.Succeeded, lookup.State);
        Assert.Equal(new Money(3071, Currency.EUR), lookup.Amount);
        Assert.Equal(new Money(71, Currency.EUR), lookup.Fee); // 1.5 % of 30.71 rounded, plus 25 cents
        Assert.False(lookup.FeeIsEstimate);
        Assert.StartsWith("pm_", lookup.PaymentMethodId, StringComparison.Ordinal);
        Assert.NotNull(lookup.CustomerId);
    }

    [Fact]
    public async Task A_fee_settled_in_another_currency_is_converted_back_and_flagged_as_an_estimate()
    {
        await using var euroAccount = await FakeStripeServer.StartAsync(
            new FakeStripeOptions { SettlementCurrency = "eur", ExchangeRates = new Dictionary<string, decimal> { ["usd"] = 0.92m } });
        var usdGateway = new StripeGateway(euroAccount.CreateClient(), NullLogger<StripeGateway>.Instance);
        var created = (CheckoutCreation.Created)await usdGateway.CreateCheckoutAsync(
            Request(recurring: false) with { Amount = new Money(10000, Currency.USD) },
            CancellationToken.None);
        euroAccount.CompleteCheckout(created.SessionId);

        var lookup = await usdGateway.GetPaymentAsync(euroAccount.PaymentIntents.Single().Id, CancellationToken.None);

        // Settled: 100 USD x 0.92 = 92.00 EUR; fee 1.5 % = 1.38 + 0.25 = 1.63 EUR; back in USD: 1.63 / 0.92 = 1.7717 -> 1.77.
        Assert.Equal(new Money(177, Currency.USD), lookup.Fee);
        Assert.True(lookup.FeeIsEstimate);
    }

    [Fact]
    public async Task A_payment_method_that_is_gone_is_a_hard_decline_not_an_exception()
    {
        var result = await gateway.ChargeSavedMethodAsync(
            OffSession("pm_detached_long_ago", "k-gone") with { CustomerId = "cus_unknown" },
            CancellationToken.None);

        var declined = Assert.IsType<OffSessionChargeResult.Declined>(result);
        Assert.Equal(DeclineKind.Hard, declined.Kind);
    }

    [Fact]
    public async Task An_unknown_payment_is_reported_as_unknown()
    {
        var lookup = await gateway.GetPaymentAsync("pi_does_not_exist", CancellationToken.None);

        Assert.Equal(PaymentState.Unknown, lookup.State);
    }

    [Theory]
    [InlineData(TestPaymentMethods.InsufficientFunds, "insufficient_funds", DeclineKind.Soft)]
    [InlineData(TestPaymentMethods.ProcessingError, "processing_error", DeclineKind.Soft)]
    [InlineData(TestPaymentMethods.StolenCard, "stolen_card", DeclineKind.Hard)]
    [InlineData(TestPaymentMethods.LostCard, "lost_card", DeclineKind.Hard)]
    [InlineData(TestPaymentMethods.ExpiredCard, "expired_card", DeclineKind.Hard)]
    public async Task Off_session_declines_come_back_as_values_with_their_kind(string method, string code, DeclineKind kind)
    {
        var result = await gateway.ChargeSavedMethodAsync(OffSession(method, "charge-1:attempt-1"), CancellationToken.None);

        var declined = Assert.IsType<OffSessionChargeResult.Declined>(result);
        Assert.Equal(code, declined.DeclineCode);
        Assert.Equal(kind, declined.Kind);
        Assert.StartsWith("pi_", declined.PaymentIntentId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Off_session_authentication_required_asks_for_the_donor()
    {
        var result = await gateway.ChargeSavedMethodAsync(OffSession(TestPaymentMethods.AuthenticationRequired, "k-auth"), CancellationToken.None);

        Assert.IsType<OffSessionChargeResult.AuthenticationRequired>(result);
    }

    [Fact]
    public async Task Off_session_SEPA_is_processing_and_a_card_succeeds()
    {
        Assert.IsType<OffSessionChargeResult.Processing>(
            await gateway.ChargeSavedMethodAsync(OffSession(TestPaymentMethods.SepaDebit, "k-sepa"), CancellationToken.None));
        Assert.IsType<OffSessionChargeResult.Succeeded>(
            await gateway.ChargeSavedMethodAsync(OffSession(TestPaymentMethods.Visa, "k-visa"), CancellationToken.None));
    }

    [Fact]
    public async Task A_repeated_key_replays_the_same_payment_and_charges_once()
    {
        var card = OffSession(TestPaymentMethods.Visa, "charge-9:attempt-1");
        var poor = OffSession(TestPaymentMethods.InsufficientFunds, "charge-8:attempt-1");
        var first = Assert.IsType<OffSessionChargeResult.Succeeded>(await gateway.ChargeSavedMethodAsync(card, CancellationToken.None));
        var again = Assert.IsType<OffSessionChargeResult.Succeeded>(await gateway.ChargeSavedMethodAsync(card, CancellationToken.None));
        var declined = Assert.IsType<OffSessionChargeResult.Declined>(await gateway.ChargeSavedMethodAsync(poor, CancellationToken.None));
        var declinedAgain = Assert.IsType<OffSessionChargeResult.Declined>(await gateway.ChargeSavedMethodAsync(poor, CancellationToken.None));

        Assert.Equal(first.PaymentIntentId, again.PaymentIntentId);
        Assert.Equal(declined.PaymentIntentId, declinedAgain.PaymentIntentId);
        Assert.Equal(2, stripe.PaymentIntents.Count);
    }

    [Fact]
    public async Task A_429_is_transient_and_a_retry_with_the_same_key_charges_once()
    {
        stripe.Faults.Enqueue("POST /v1/payment_intents", FaultKind.RateLimit);

        var request = OffSession(TestPaymentMethods.Visa, "charge-2:attempt-1");

        var limited = await gateway.ChargeSavedMethodAsync(request, CancellationToken.None);
        var retried = await gateway.ChargeSavedMethodAsync(request, CancellationToken.None);

        Assert.IsType<OffSessionChargeResult.Transient>(limited);
        Assert.IsType<OffSessionChargeResult.Succeeded>(retried);
        Assert.Single(stripe.PaymentIntents);
    }

    [Fact]
    public async Task A_lost_answer_after_the_charge_is_recovered_by_the_clients_retry_without_a_second_charge()
    {
        stripe.Faults.Enqueue("POST /v1/payment_intents", FaultKind.ServerErrorAfterExecution);

        var result = await gateway.ChargeSavedMethodAsync(OffSession(TestPaymentMethods.Visa, "charge-3:attempt-1"), CancellationToken.None);

        Assert.IsType<OffSessionChargeResult.Succeeded>(result);
        Assert.Single(stripe.PaymentIntents);
        Assert.Contains(stripe.Requests.ForKey("charge-3:attempt-1"), call => call.Replayed);
    }

    [Fact]
    public async Task A_timeout_after_the_charge_is_transient_and_the_retry_replays_it()
    {
        stripe.Faults.TimeoutHold = TimeSpan.FromSeconds(10);
        stripe.Faults.Enqueue("POST /v1/payment_intents", FaultKind.TimeoutAfterExecution, count: 3);
        var impatient = new StripeGateway(
            stripe.CreateClient(maxNetworkRetries: 0, timeout: TimeSpan.FromMilliseconds(300)),
            NullLogger<StripeGateway>.Instance);

        var request = OffSession(TestPaymentMethods.Visa, "charge-4:attempt-1");

        var timedOut = await impatient.ChargeSavedMethodAsync(request, CancellationToken.None);
        stripe.Faults.Clear();
        var retried = await gateway.ChargeSavedMethodAsync(request, CancellationToken.None);

        Assert.IsType<OffSessionChargeResult.Transient>(timedOut);
        Assert.IsType<OffSessionChargeResult.Succeeded>(retried);
        Assert.Single(stripe.PaymentIntents);
    }

    private static CheckoutRequest Request(bool recurring) => new(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new Money(3071, Currency.EUR), "Monthly sponsorship: Nairobi",
        "ada@example.org", null, recurring, "en",
        new Uri("http://portal.test/sponsor/thank-you?session_id={CHECKOUT_SESSION_ID}"), new Uri("http://portal.test/sponsor/cancelled"));

    private OffSessionChargeRequest OffSession(string method, string key) => new(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid
            .NewGuid(), new Money(3000, Currency.EUR), customerId, method, "Monthly sponsorship", key);
}

using System.Net;
using Stripe;

namespace Portal.FakeStripe.Tests;

public sealed class OffSessionPaymentTests : FakeStripeTestBase
{
    [Theory]
    [InlineData(TestPaymentMethods.Visa, "visa")]
    [InlineData(TestPaymentMethods.Mastercard, "mastercard")]
    public async Task Good_cards_succeed_with_a_charge_and_a_balance_transaction(string paymentMethod, string brand)
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(paymentMethod, amount: 1500));
        var read = await Client.V1.PaymentIntents.GetAsync(pi.Id, new PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction"] });

        Assert.Equal("succeeded", pi.Status);
        Assert.Equal(1500, pi.AmountReceived);
        Assert.StartsWith("pm_", pi.PaymentMethodId, StringComparison.Ordinal);
        Assert.StartsWith("ch_", pi.LatestChargeId, StringComparison.Ordinal);
        Assert.Equal("succeeded", read.LatestCharge.Status);
        Assert.Equal(brand, read.LatestCharge.PaymentMethodDetails.Card.Brand);
        Assert.StartsWith("txn_", read.LatestCharge.BalanceTransaction.Id, StringComparison.Ordinal);
        Assert.Equal("charge", read.LatestCharge.BalanceTransaction.Type);
        Assert.Equal("chg-1", read.LatestCharge.Metadata["charge_id"]);
    }

    [Theory]
    [InlineData(TestPaymentMethods.Declined, "card_declined", "generic_decline")]
    [InlineData(TestPaymentMethods.InsufficientFunds, "card_declined", "insufficient_funds")]
    [InlineData(TestPaymentMethods.LostCard, "card_declined", "lost_card")]
    [InlineData(TestPaymentMethods.StolenCard, "card_declined", "stolen_card")]
    [InlineData(TestPaymentMethods.ExpiredCard, "expired_card", "expired_card")]
    [InlineData(TestPaymentMethods.ProcessingError, "processing_error", "processing_error")]
    [InlineData(TestPaymentMethods.AuthenticationRequired, "authentication_required", "authentication_required")]
    public async Task Failing_cards_throw_a_402_card_error_and_still_leave_a_retrievable_PaymentIntent(
        string paymentMethod,
        string code,
        string declineCode)
    {
        var ex = await Assert.ThrowsAsync<StripeException>(() => Client.V1.PaymentIntents.CreateAsync(OffSession(paymentMethod)));

        Assert.Equal(HttpStatusCode.PaymentRequired, ex.HttpStatusCode);
        Assert.Equal("card_error", ex.StripeError.Type);
        Assert.Equal(code, ex.StripeError.Code);
        Assert.Equal(declineCode, ex.StripeError.DeclineCode);
        Assert.False(string.IsNullOrEmpty(ex.StripeError.Message));
        Assert.NotNull(ex.StripeError.DocUrl);
        var failed = ex.StripeError.PaymentIntent;
        Assert.StartsWith("pi_", failed.Id, StringComparison.Ordinal);
        Assert.Equal("requires_payment_method", failed.Status);
        Assert.Equal(code, failed.LastPaymentError.Code);
        Assert.Equal("chg-1", failed.Metadata["charge_id"]);

        var read = await Client.V1.PaymentIntents.GetAsync(failed.Id);
        Assert.Equal("requires_payment_method", read.Status);
        Assert.Equal(declineCode, read.LastPaymentError.DeclineCode);
        Assert.StartsWith("pm_", read.LastPaymentError.PaymentMethod.Id, StringComparison.Ordinal);
        if (code == "authentication_required")
        {
            Assert.Null(ex.StripeError.Charge); // No charge is attempted without authentication.
        }
        else
        {
            var charge = await Client.V1.Charges.GetAsync(ex.StripeError.Charge);
            Assert.Equal("failed", charge.Status);
            Assert.Equal(code, charge.FailureCode);
            Assert.Null(charge.BalanceTransactionId);
        }
    }

    [Fact]
    public async Task Sepa_debit_is_processing_until_the_bank_answers()
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.SepaDebit));

        var events = Stripe.SettlePaymentIntent(pi.Id, succeed: true);
        var settled = await Client.V1.PaymentIntents.GetAsync(pi.Id, new PaymentIntentGetOptions { Expand = ["latest_charge"] });

        Assert.Equal("processing", pi.Status);
        Assert.Equal(["sepa_debit"], pi.PaymentMethodTypes);
        Assert.Equal("payment_intent.succeeded", Assert.Single(events).Type);
        Assert.Equal("succeeded", settled.Status);
        Assert.Equal("sepa_debit", settled.LatestCharge.PaymentMethodDetails.Type);
        Assert.NotNull(settled.LatestCharge.BalanceTransactionId);
    }

    [Fact]
    public async Task A_saved_sepa_method_from_checkout_inherits_processing()
    {
        var session = await Client.V1.Checkout.Sessions.CreateAsync(DonationSession());
        Stripe.CompleteCheckout(session.Id, TestPaymentMethods.SepaDebit);
        var first = await Client.V1.PaymentIntents.GetAsync((await Client.V1.Checkout.Sessions.GetAsync(session.Id)).PaymentIntentId);

        var next = await Client.V1.PaymentIntents.CreateAsync(OffSession(first.PaymentMethodId, customer: first.CustomerId, chargeId: "chg-2"));

        Assert.Equal("processing", next.Status);
        Assert.Equal(first.PaymentMethodId, next.PaymentMethodId);
    }

    [Fact]
    public async Task Unknown_or_foreign_payment_methods_are_refused()
    {
        var unknown = await Assert.ThrowsAsync<StripeException>(() => Client.V1.PaymentIntents.CreateAsync(OffSession("pm_nope")));
        var session = await Client.V1.Checkout.Sessions.CreateAsync(DonationSession());
        Stripe.CompleteCheckout(session.Id);
        var saved = (await Client.V1.PaymentIntents.GetAsync((await Client.V1.Checkout.Sessions.GetAsync(session.Id)).PaymentIntentId))
            .PaymentMethodId;
        var foreign = await Assert.ThrowsAsync<StripeException>(() => Client.V1.PaymentIntents.CreateAsync(OffSession(saved)));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.HttpStatusCode);
        Assert.Equal("resource_missing", unknown.StripeError.Code);
        Assert.Equal("payment_method", unknown.StripeError.Param);
        Assert.Equal("payment_method", foreign.StripeError.Param);
        Assert.Single(Stripe.PaymentIntents); // Only the checkout's: refused requests create nothing.
    }

    [Fact]
    public async Task Invalid_amounts_are_refused_with_the_param()
    {
        var tooSmall = await Assert.ThrowsAsync<StripeException>(
            () => Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 10)));
        var options = OffSession(TestPaymentMethods.Visa);
        options.Amount = null;
        var missing = await Assert.ThrowsAsync<StripeException>(() => Client.V1.PaymentIntents.CreateAsync(options));

        Assert.Equal(("amount", "amount_too_small"), (tooSmall.StripeError.Param, tooSmall.StripeError.Code));
        Assert.Equal(("amount", "parameter_missing"), (missing.StripeError.Param, missing.StripeError.Code));
        Assert.Empty(Stripe.PaymentIntents);
    }

    [Fact]
    public async Task Api_charges_record_the_events_Stripe_would_send_with_the_request_behind_them()
    {
        await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa), Key("charge-chg-1"));
        await Assert.ThrowsAsync<StripeException>(
            () => Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Declined, chargeId: "chg-2"), Key("charge-chg-2")));

        var events = Stripe.Events.Select(e => e.ToStripeEvent()).ToList();

        Assert.Equal(["payment_intent.succeeded", "payment_intent.payment_failed"], events.Select(e => e.Type));
        Assert.Equal(["charge-chg-1", "charge-chg-2"], events.Select(e => e.Request.IdempotencyKey));
        Assert.All(events, e => Assert.StartsWith("req_", e.Request.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_on_session_confirm_of_a_three_d_secure_card_requires_action()
    {
        var options = OffSession(TestPaymentMethods.AuthenticationRequired);
        options.OffSession = null;

        var pi = await Client.V1.PaymentIntents.CreateAsync(options);

        Assert.Equal("requires_action", pi.Status);
        Assert.Equal("use_stripe_sdk", pi.NextAction.Type);
    }
}

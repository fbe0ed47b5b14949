namespace Portal.FakeStripe;

// What happens outside the API: the donor paying on the hosted page, banks settling a payment (money after
// that, refunds, disputes and payouts, is in FakeStripeServer.Driving.Balance.cs).
//
// Charges need no driving method: a test makes them through the API, as the portal does, so fees, the
// settlement currency and balance transactions follow the one path real charges take (PaymentEngine):
//   await client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
//   {
//       Amount = 1500, Currency = "usd", PaymentMethod = TestPaymentMethods.Visa, Confirm = true, OffSession = true,
//       Metadata = new() { ["charge_id"] = "chg-1" },
//   });
// A card succeeds at once; pm_sepa_debit stays processing until SettlePaymentIntent. Hundreds are quick in
// parallel batches: PayoutReconciliationTests makes 300 in about a second.
public sealed partial class FakeStripeServer
{
    /// <summary>
    /// The donor pays session <paramref name="sessionId"/> with one of Stripe's test payment methods. Returns the
    /// events Stripe would send: a card gives <c>checkout.session.completed</c> + <c>payment_intent.succeeded</c>;
    /// a declining card only <c>payment_intent.payment_failed</c> (the session stays open for another try);
    /// <c>pm_sepa_debit</c> gives <c>checkout.session.completed</c> (unpaid) + <c>payment_intent.processing</c>.
    /// </summary>
    /// <param name="expiry">The card's expiry as the saved method reports it; null gives the fixture's 08/2030.</param>
    public IReadOnlyList<FakeEvent> CompleteCheckout(string sessionId, string testPaymentMethod = TestPaymentMethods.Visa, CardExpiry? expiry = null)
        =>
        checkout.Complete(sessionId, testPaymentMethod, expiry);

    /// <summary>
    /// The donor saves a payment method on a <c>mode=setup</c> session. Returns <c>setup_intent.succeeded</c> and
    /// <c>checkout.session.completed</c> (whose session has <c>setup_intent</c> set), in Stripe's order.
    /// </summary>
    public IReadOnlyList<FakeEvent> CompleteSetupCheckout(
        string sessionId,
        string testPaymentMethod = TestPaymentMethods.Visa,
        CardExpiry? expiry = null) =>
        checkout.CompleteSetup(sessionId, testPaymentMethod, expiry);

    /// <summary>
    /// The bank settles a session paid by SEPA debit: <c>checkout.session.async_payment_succeeded|failed</c> + the PaymentIntent
    /// event.
    /// </summary>
    public IReadOnlyList<FakeEvent> SettleAsyncPayment(string sessionId, bool succeed) =>
        checkout.SettleAsyncPayment(sessionId, succeed);

    /// <summary>The bank settles an off-session PaymentIntent left <c>processing</c> (SEPA).</summary>
    public IReadOnlyList<FakeEvent> SettlePaymentIntent(string paymentIntentId, bool succeed) =>
        checkout.SettlePaymentIntent(paymentIntentId, succeed);

    /// <summary>Forgets every stored idempotency result (Stripe keeps them 24 hours).</summary>
    public void ClearIdempotencyKeys() => Idempotency.Clear();
}

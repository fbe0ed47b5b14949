using Stripe;

namespace Portal.FakeStripe;

// What happens to money after a charge, outside the API: refunds settling or failing, disputes, Stripe paying out.
public sealed partial class FakeStripeServer
{
    /// <summary>
    /// Pays out every balance transaction of <paramref name="currency"/> (the settlement currency, if one is set)
    /// not yet paid out: a <c>paid</c> payout whose amount is the sum of their net. Listing balance transactions
    /// with <c>payout=</c> then returns them plus the payout's own (type <c>payout</c>), as Stripe does.
    /// Records <c>payout.created</c> and <c>payout.paid</c>; <see cref="PayOut"/> also returns them.
    /// </summary>
    public Payout CreatePayout(string currency, DateTimeOffset? arrivalDate = null) => PayOut(currency, arrivalDate).Payout;

    /// <summary>As <see cref="CreatePayout"/>, with the events Stripe sends: <c>payout.created</c> then <c>payout.paid</c>.</summary>
    public (Payout Payout, IReadOnlyList<FakeEvent> Events) PayOut(string currency, DateTimeOffset? arrivalDate = null)
    {
        var (payout, recorded) = payouts.PayOut(currency, arrivalDate);
        return (Parse<Payout>(Renderer.Payout(payout)), recorded);
    }

    /// <summary>
    /// The bank returns a payout: <c>failed</c> with <c>failure_code=account_closed</c>, a positive
    /// <c>payout_failure</c> balance transaction (left for the next payout) and <c>payout.failed</c>.
    /// </summary>
    public IReadOnlyList<FakeEvent> FailPayout(string payoutId) => payouts.Fail(payoutId);

    /// <summary>A <c>pending</c> refund (see <see cref="FakeStripeOptions.PendingRefunds"/>) succeeds: <c>refund.updated</c>.</summary>
    public IReadOnlyList<FakeEvent> SettleRefund(string refundId) => refundOutcomes.Settle(refundId);

    /// <summary>
    /// A pending or succeeded refund fails (<c>failure_reason=expired_or_canceled_card</c>): a positive
    /// <c>refund_failure</c> balance transaction puts the money back, the charge's <c>amount_refunded</c> goes down,
    /// and Stripe sends <c>refund.updated</c> then <c>refund.failed</c>.
    /// </summary>
    public IReadOnlyList<FakeEvent> FailRefund(string refundId) => refundOutcomes.Fail(refundId);

    /// <summary>
    /// The donor disputes the charge (or a PaymentIntent's latest charge). A card dispute is <c>needs_response</c>
    /// until <see cref="CloseDispute"/>, with evidence due by <paramref name="evidenceDueBy"/> (default: in 7 days);
    /// Stripe sends <c>charge.dispute.created</c> and <c>charge.dispute.funds_withdrawn</c>. A SEPA debit's dispute
    /// is a bank return: <c>lost</c> at once with no evidence due, and <c>charge.dispute.closed</c> follows.
    /// Either way the amount (at the charge's rate) and <see cref="FakeStripeOptions.DisputeFee"/> leave the balance
    /// as an <c>adjustment</c> whose source is the dispute (<c>du_...</c>, read from the first event's object).
    /// </summary>
    public IReadOnlyList<FakeEvent> CreateDispute(string paymentIntentOrChargeId, string reason = "fraudulent", DateTimeOffset? evidenceDueBy = null)
        =>
        disputes.Open(paymentIntentOrChargeId, reason, evidenceDueBy);

    /// <summary>
    /// The network decides an open dispute. Won: the amount comes back (a <c>dispute_reversal</c> adjustment; the
    /// fee does not) with <c>charge.dispute.funds_reinstated</c> + <c>charge.dispute.closed</c>; lost: <c>closed</c> only.
    /// </summary>
    public IReadOnlyList<FakeEvent> CloseDispute(string disputeId, bool won) => disputes.Close(disputeId, won);

    private static T Parse<T>(System.Text.Json.Nodes.JsonObject o)
        where T : StripeEntity<T> => StripeEntity.FromJson<T>(o.ToJsonString());
}

using System.Collections.Frozen;

namespace Portal.FakeStripe;

/// <summary>
/// Disputes (chargebacks): the disputed amount and Stripe's dispute fee leave the balance the moment the dispute
/// opens, converted at the charge's own rate; a won dispute brings the amount back but never the fee. A SEPA
/// debit has no chargeback process: its "dispute" is a bank return, lost at once with nothing to answer.
/// </summary>
internal sealed partial class DisputeLedger(FakeStripeStore store, Balance balance, Renderer renderer, EventStore events)
{
    private const int DaysToRespond = 7;

    private static readonly FrozenSet<string> Reasons = FrozenSet.ToFrozenSet(
    [
        "bank_cannot_process", "check_returned", "credit_not_processed", "customer_initiated", "debit_not_authorized",
        "duplicate", "fraudulent", "general", "incorrect_account_details", "insufficient_funds", "noncompliant",
        "product_not_received", "product_unacceptable", "subscription_canceled", "unrecognized",
    ], StringComparer.Ordinal);

    public IReadOnlyList<FakeEvent> Open(string paymentIntentOrChargeId, string reason, DateTimeOffset? evidenceDueBy)
    {
        if (!Reasons.Contains(reason))
        {
            throw new ArgumentException($"'{reason}' is not one of Stripe's dispute reasons.", nameof(reason));
        }

        var disputeId = store.Ids.Next("du");
        // Marking the charge first (compare-and-swap) makes a second dispute, or a refund racing this one, fail.
        var charge = FakeStripeStore.Update(store.Charges, ChargeOf(paymentIntentOrChargeId), c => c switch
        {
            { Status: not "succeeded" } => throw new InvalidOperationException(
                $"Charge {c.Id} is {c.Status}: only a succeeded charge can be disputed."),
            { Disputed: true } => throw new InvalidOperationException($"Charge {c.Id} is already disputed."),
            _ => c with { Disputed = true },
        });

        var (amount, currency, rate) = balance.AtChargeRate(charge, charge.Amount);
        var withdrawal = balance.Add(-amount, currency, rate, "adjustment", "dispute", disputeId,
            $"Chargeback withdrawal for {charge.Id}", store.Options.DisputeFee, "Dispute fee");
        var bankReturn = charge.Behavior.Async;
        long? dueBy = bankReturn ? null : evidenceDueBy?.ToUnixTimeSeconds() ?? withdrawal.Created + (DaysToRespond * 86_400L);
        var dispute = new DisputeRecord(disputeId, store.NextSeq(), withdrawal.Created, charge.Amount, charge.Currency, charge.Id,
            charge.PaymentIntent, reason, bankReturn ? "lost" : "needs_response", dueBy, [withdrawal.Id])
        { IsBankReturn = bankReturn };
        store.Disputes[disputeId] = dispute;

        List<FakeEvent> recorded = [Record("charge.dispute.created", dispute), Record("charge.dispute.funds_withdrawn", dispute)];
        if (bankReturn)
        {
            recorded.Add(Record("charge.dispute.closed", dispute));
        }

        return recorded;
    }

    private string ChargeOf(string id) => id switch
    {
        _ when store.Charges.ContainsKey(id) => id,
        _ when store.PaymentIntents.TryGetValue(id, out var pi) && pi.LatestCharge is { } latest => latest,
        _ => throw new ArgumentException($"No charge or PaymentIntent with a charge: {id}", nameof(id)),
    };

    private FakeEvent Record(string type, DisputeRecord dispute) => events.Record(type, renderer.Dispute(dispute), null);
}

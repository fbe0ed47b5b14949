namespace Portal.FakeStripe;

internal sealed partial class DisputeLedger
{
    /// <summary>
    /// The card network decides. Won: a <c>dispute_reversal</c> adjustment returns the amount (the fee is kept),
    /// then <c>charge.dispute.funds_reinstated</c> and <c>charge.dispute.closed</c>. Lost: only <c>closed</c>.
    /// </summary>
    public IReadOnlyList<FakeEvent> Close(string disputeId, bool won)
    {
        if (!store.Disputes.ContainsKey(disputeId))
        {
            throw new ArgumentException($"No such dispute: {disputeId}", nameof(disputeId));
        }

        // The reversal is named before it exists so that closing stays one compare-and-swap; the renderer skips
        // an id not yet stored.
        var reversalId = store.Ids.Next("txn");
        var dispute = FakeStripeStore.Update(store.Disputes, disputeId, d => d.Status is "needs_response" or "under_review"
            ? d with
            {
                Status = won ? "won" : "lost",
                BalanceTransactions = won ? [.. d.BalanceTransactions, reversalId] : d.BalanceTransactions,
            }
            : throw new InvalidOperationException($"Dispute {d.Id} is {d.Status}: it is already closed."));

        if (!won)
        {
            return [Record("charge.dispute.closed", dispute)];
        }

        var charge = store.Charges[dispute.Charge];
        var (amount, currency, rate) = balance.AtChargeRate(charge, dispute.Amount);
        balance.Add(amount, currency, rate, "adjustment", "dispute_reversal", dispute.Id, $"Chargeback reversal for {charge.Id}", id: reversalId);
        return [Record("charge.dispute.funds_reinstated", dispute), Record("charge.dispute.closed", dispute)];
    }
}

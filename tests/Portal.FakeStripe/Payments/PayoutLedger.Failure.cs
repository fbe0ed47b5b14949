namespace Portal.FakeStripe;

internal sealed partial class PayoutLedger
{
    /// <summary>
    /// The bank returns the payout (Stripe's <c>account_closed</c>): a positive <c>payout_failure</c> transaction
    /// puts the money back in the balance, not yet paid out, so the next payout carries it.
    /// </summary>
    public IReadOnlyList<FakeEvent> Fail(string payoutId)
    {
        if (!store.Payouts.ContainsKey(payoutId))
        {
            throw new ArgumentException($"No such payout: {payoutId}", nameof(payoutId));
        }

        var txnId = store.Ids.Next("txn");
        var payout = FakeStripeStore.Update(store.Payouts, payoutId, p => p.Status is "paid" or "pending" or "in_transit"
            ? p with
            {
                Status = "failed",
                FailureCode = "account_closed",
                FailureMessage = "The bank account has been closed.",
                FailureBalanceTransaction = txnId,
            }
            : throw new InvalidOperationException($"Payout {p.Id} is {p.Status}: it cannot fail."));
        balance.Add(payout.Amount, payout.Currency, null, "payout_failure", "payout_reversal", payout.Id, "STRIPE PAYOUT FAILURE", id: txnId);
        return [events.Record("payout.failed", Renderer.Payout(payout), null)];
    }
}

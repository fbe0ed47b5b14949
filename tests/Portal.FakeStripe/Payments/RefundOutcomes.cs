namespace Portal.FakeStripe;

/// <summary>
/// How a refund ends after it was created: a pending one (SEPA) succeeds when the bank confirms, and any refund
/// can still fail (the card was cancelled, the account closed), which puts the money back in the balance.
/// </summary>
internal sealed class RefundOutcomes(FakeStripeStore store, Balance balance, EventStore events)
{
    public IReadOnlyList<FakeEvent> Settle(string refundId)
    {
        var refund = FakeStripeStore.Update(store.Refunds, Known(refundId), r => r.Status == "pending"
            ? r with { Status = "succeeded" }
            : throw new InvalidOperationException($"Refund {r.Id} is {r.Status}, not pending."));
        return [events.Record("refund.updated", Renderer.Refund(refund), null)];
    }

    /// <summary>
    /// The refund fails: a positive <c>refund_failure</c> transaction returns exactly what the refund took out,
    /// and the charge may be refunded again for that amount.
    /// </summary>
    public IReadOnlyList<FakeEvent> Fail(string refundId, string reason = "expired_or_canceled_card")
    {
        var txnId = store.Ids.Next("txn");
        var refund = FakeStripeStore.Update(store.Refunds, Known(refundId), r => r.Status is "pending" or "succeeded"
            ? r with { Status = "failed", FailureReason = reason, FailureBalanceTransaction = txnId }
            : throw new InvalidOperationException($"Refund {r.Id} is {r.Status}: only a pending or succeeded refund can fail."));

        var taken = store.BalanceTransactions[refund.BalanceTransaction];
        balance.Add(-taken.Amount, taken.Currency, taken.ExchangeRate, "refund_failure", "refund_failure", refund.Id,
            "REFUND FAILURE", id: txnId);
        FakeStripeStore.Update(store.Charges, refund.Charge, c => c with { AmountRefunded = c.AmountRefunded - refund.Amount });

        var snapshot = Renderer.Refund(refund);
        return
        [
            events.Record("refund.updated", snapshot, null),
            events.Record("refund.failed", snapshot.DeepClone().AsObject(), null),
        ];
    }

    private string Known(string refundId) => store.Refunds.ContainsKey(refundId)
        ? refundId
        : throw new ArgumentException($"No such refund: {refundId}", nameof(refundId));
}

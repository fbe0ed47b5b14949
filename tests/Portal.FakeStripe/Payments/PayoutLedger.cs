namespace Portal.FakeStripe;

/// <summary>
/// Payouts: every not-yet-paid-out transaction of a currency, claimed one by one with compare-and-swap so a
/// transaction made meanwhile lands in exactly one payout, and the events Stripe sends for them.
/// </summary>
internal sealed partial class PayoutLedger(FakeStripeStore store, Balance balance, EventStore events)
{
    /// <summary>A paid payout, and <c>payout.created</c> (as it was, pending) then <c>payout.paid</c>.</summary>
    public (PayoutRecord Payout, IReadOnlyList<FakeEvent> Events) PayOut(string currency, DateTimeOffset? arrivalDate)
    {
        currency = currency.ToLowerInvariant();
        var payoutId = store.Ids.Next("po");
        long total = 0;
        var count = 0;
        foreach (var candidate in store.BalanceTransactions.Values)
        {
            if (candidate.Currency == currency && candidate.Payout is null && candidate.Type != "payout"
                && Claim(candidate.Id, payoutId, out var claimed))
            {
                total += claimed.Net;
                count++;
            }
        }

        if (count == 0)
        {
            throw new InvalidOperationException($"There is no {currency} balance transaction left to pay out.");
        }

        // The payout's own balance transaction is listed under the payout too, as Stripe does.
        var now = store.Now();
        var txn = new BalanceTransactionRecord(store.Ids.Next("txn"), store.NextSeq(), now, now, -total, currency, 0, -total,
            null, "payout", "payout", payoutId, "STRIPE PAYOUT")
        { Payout = payoutId };
        store.BalanceTransactions[txn.Id] = txn;
        var payout = new PayoutRecord(payoutId, store.NextSeq(), now,
            (arrivalDate ?? store.Options.TimeProvider.GetUtcNow()).ToUnixTimeSeconds(), total, currency, txn.Id, count);
        store.Payouts[payoutId] = payout;
        return (payout,
        [
            events.Record("payout.created", Renderer.Payout(payout with { Status = "pending" }), null),
            events.Record("payout.paid", Renderer.Payout(payout), null),
        ]);
    }

    private bool Claim(string id, string payoutId, out BalanceTransactionRecord claimed)
    {
        while (store.BalanceTransactions.TryGetValue(id, out var current) && current.Payout is null)
        {
            claimed = current with { Payout = payoutId };
            if (store.BalanceTransactions.TryUpdate(id, claimed, current))
            {
                return true;
            }
        }

        claimed = null!;
        return false;
    }
}

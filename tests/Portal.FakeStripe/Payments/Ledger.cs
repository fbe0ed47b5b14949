namespace Portal.FakeStripe;

/// <summary>
/// Money leaving the balance: refunds (a negative balance transaction converted at the charge's own rate)
/// and payouts (every not-yet-paid-out transaction of a currency, claimed atomically so concurrent
/// charges never land in two payouts).
/// </summary>
internal sealed class Ledger(FakeStripeStore store)
{
    private static readonly string[] RefundReasons = ["duplicate", "fraudulent", "requested_by_customer"];

    public RefundRecord Refund(string chargeId, long? requested, string? reason, IReadOnlyDictionary<string, string> metadata)
    {
        if (reason is not null && !RefundReasons.Contains(reason))
        {
            throw StripeErrors.Invalid($"Invalid reason: must be one of {string.Join(", ", RefundReasons)}", "reason");
        }

        if (requested is <= 0)
        {
            throw StripeErrors.Invalid("Invalid positive integer", "amount");
        }

        var refundId = store.Ids.Next("re");
        long amount = 0;
        // Reserve the amount on the charge first (compare-and-swap) so two concurrent refunds cannot over-refund.
        var charge = FakeStripeStore.Update(store.Charges, chargeId, c =>
        {
            if (c.Status != "succeeded")
            {
                throw StripeErrors.Invalid($"Charge {c.Id} has not succeeded, so it cannot be refunded.", "charge");
            }

            var remaining = c.Amount - c.AmountRefunded;
            if (remaining == 0)
            {
                throw StripeErrors.Invalid($"Charge {c.Id} has already been refunded.", "charge", "charge_already_refunded");
            }

            amount = requested ?? remaining;
            return amount > remaining
                ? throw StripeErrors.Invalid($"Refund amount ({Money.Format(amount, c.Currency)}) is greater than unrefunded amount on charge ({Money.Format(remaining, c.Currency)})", "amount")
                : c with { AmountRefunded = c.AmountRefunded + amount, Refunds = [.. c.Refunds, refundId] };
        });

        var original = store.BalanceTransactions[charge.BalanceTransaction!];
        var settled = original.ExchangeRate is { } rate ? Money.Convert(amount, charge.Currency, original.Currency, rate) : amount;
        var now = store.Now();
        var txn = new BalanceTransactionRecord(store.Ids.Next("txn"), store.NextSeq(), now, now, -settled, original.Currency,
            0, -settled, original.ExchangeRate, "refund", "refund", refundId, "REFUND FOR CHARGE");
        store.BalanceTransactions[txn.Id] = txn;
        var refund = new RefundRecord(refundId, store.NextSeq(), now, amount, charge.Currency, charge.Id, charge.PaymentIntent,
            reason, metadata, txn.Id);
        store.Refunds[refundId] = refund;
        return refund;
    }

    public PayoutRecord Payout(string currency, DateTimeOffset? arrivalDate)
    {
        currency = currency.ToLowerInvariant();
        var payoutId = store.Ids.Next("po");
        long total = 0;
        var count = 0;
        foreach (var candidate in store.BalanceTransactions.Values)
        {
            if (candidate.Currency == currency && candidate.Payout is null && candidate.Type != "payout" && Claim(candidate.Id, payoutId, out var claimed))
            {
                total += claimed.Net;
                count++;
            }
        }

        if (count == 0)
        {
            throw new InvalidOperationException($"There is no {currency} balance transaction left to pay out.");
        }

        var now = store.Now();
        // The payout's own balance transaction is listed under the payout too, as Stripe does.
        var txn = new BalanceTransactionRecord(store.Ids.Next("txn"), store.NextSeq(), now, now, -total, currency, 0, -total,
            null, "payout", "payout", payoutId, "STRIPE PAYOUT")
        { Payout = payoutId };
        store.BalanceTransactions[txn.Id] = txn;
        var payout = new PayoutRecord(payoutId, store.NextSeq(), now, (arrivalDate ?? store.Options.TimeProvider.GetUtcNow()).ToUnixTimeSeconds(),
            total, currency, txn.Id, count);
        store.Payouts[payoutId] = payout;
        return payout;
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

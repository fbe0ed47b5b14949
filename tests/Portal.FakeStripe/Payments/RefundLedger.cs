namespace Portal.FakeStripe;

/// <summary>
/// Refunds: the amount is reserved on the charge first (compare-and-swap), so concurrent refunds never refund
/// more than was paid, then a negative balance transaction takes the money out at the charge's rate.
/// </summary>
internal sealed class RefundLedger(FakeStripeStore store, Balance balance)
{
    private static readonly string[] Reasons = ["duplicate", "fraudulent", "requested_by_customer"];

    public RefundRecord Create(string chargeId, long? requested, string? reason, IReadOnlyDictionary<string, string> metadata)
    {
        if (reason is not null && !Reasons.Contains(reason))
        {
            throw StripeErrors.Invalid($"Invalid reason: must be one of {string.Join(", ", Reasons)}", "reason");
        }

        if (requested is <= 0)
        {
            throw StripeErrors.Invalid("Invalid positive integer", "amount");
        }

        var refundId = store.Ids.Next("re");
        long amount = 0;
        var charge = FakeStripeStore.Update(store.Charges, chargeId, c =>
        {
            var left = Refundable(c);
            amount = requested ?? left;
            return amount > left
                ? throw StripeErrors.Invalid(
                    $"Refund amount ({Money.Format(amount, c.Currency)}) is greater than unrefunded amount "
                        + $"on charge ({Money.Format(left, c.Currency)})",
                    "amount")
                : c with { AmountRefunded = c.AmountRefunded + amount, Refunds = [.. c.Refunds, refundId] };
        });

        var (settled, currency, rate) = balance.AtChargeRate(charge, amount);
        var txn = balance.Add(-settled, currency, rate, "refund", "refund", refundId, "REFUND FOR CHARGE");
        var refund = new RefundRecord(refundId, store.NextSeq(), txn.Created, amount, charge.Currency, charge.Id,
            charge.PaymentIntent, reason, metadata, txn.Id)
        { Status = StartsPending(charge) ? "pending" : "succeeded" };
        store.Refunds[refundId] = refund;
        return refund;
    }

    /// <summary>What is left to refund, or Stripe's error for a charge that cannot be refunded at all.</summary>
    private static long Refundable(ChargeRecord c) => c switch
    {
        { Status: not "succeeded" } => throw StripeErrors.Invalid($"Charge {c.Id} has not succeeded, so it cannot be refunded.", "charge"),
        { Disputed: true } => throw StripeErrors.Invalid($"Charge {c.Id} has been charged back; cannot issue a refund.", "charge", "charge_disputed"),
        _ when c.AmountRefunded == c.Amount => throw StripeErrors.Invalid(
            $"Charge {c.Id} has already been refunded.",
            "charge",
            "charge_already_refunded"),
        _ => c.Amount - c.AmountRefunded,
    };

    private bool StartsPending(ChargeRecord charge) => store.Options.PendingRefunds switch
    {
        PendingRefunds.All => true,
        PendingRefunds.BankDebits => charge.Behavior.Async,
        _ => false,
    };
}

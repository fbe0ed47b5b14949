namespace Portal.FakeStripe;

/// <summary>
/// Writes the balance transactions of money moving after a charge (refunds, disputes, failures). Each is in
/// the currency of the charge's own balance transaction and converted at that transaction's rate, as Stripe
/// does, so a refund or dispute never gains or loses on a rate that moved since the charge.
/// </summary>
internal sealed class Balance(FakeStripeStore store)
{
    public const string ProcessingFee = "Stripe processing fees";

    /// <summary><paramref name="amount"/> (minor units of the charge currency) as the charge's balance transaction holds it.</summary>
    public (long Amount, string Currency, decimal? Rate) AtChargeRate(ChargeRecord charge, long amount)
    {
        var original = store.BalanceTransactions[charge.BalanceTransaction!];
        var settled = original.ExchangeRate is { } rate ? Money.Convert(amount, charge.Currency, original.Currency, rate) : amount;
        return (settled, original.Currency, original.ExchangeRate);
    }

    /// <summary>
    /// Stores a transaction available at once: money leaving or coming back is not held like a charge's.
    /// <paramref name="id"/> is for a caller that had to name the transaction in another record first.
    /// </summary>
    public BalanceTransactionRecord Add(long amount, string currency, decimal? rate, string type, string reportingCategory,
        string source, string? description, long fee = 0, string feeDescription = ProcessingFee, string? id = null)
    {
        var now = store.Now();
        var txn = new BalanceTransactionRecord(id ?? store.Ids.Next("txn"), store.NextSeq(), now, now, amount, currency, fee,
            amount - fee, rate, type, reportingCategory, source, description)
        { FeeDescription = feeDescription };
        store.BalanceTransactions[txn.Id] = txn;
        return txn;
    }
}

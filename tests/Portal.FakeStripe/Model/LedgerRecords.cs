namespace Portal.FakeStripe;

// Balance-side records: every move of money in or out of the balance, and what caused it. Immutable like the
// rest of the store (see Records.cs).

internal sealed record BalanceTransactionRecord(string Id, long Seq, long Created, long AvailableOn, long Amount,
    string Currency, long Fee, long Net, decimal? ExchangeRate, string Type, string ReportingCategory, string Source,
    string? Description)
{
    public string? Payout { get; init; }

    /// <summary>What <c>fee_details[0].description</c> says: a dispute fee is not a processing fee.</summary>
    public string FeeDescription { get; init; } = "Stripe processing fees";
}

internal sealed record RefundRecord(string Id, long Seq, long Created, long Amount, string Currency, string Charge,
    string PaymentIntent, string? Reason, IReadOnlyDictionary<string, string> Metadata, string BalanceTransaction)
{
    public string Status { get; init; } = "succeeded";

    public string? FailureReason { get; init; }

    /// <summary>The <c>refund_failure</c> transaction that put the money back.</summary>
    public string? FailureBalanceTransaction { get; init; }
}

internal sealed record PayoutRecord(string Id, long Seq, long Created, long ArrivalDate, long Amount, string Currency,
    string BalanceTransaction, int TransactionCount)
{
    public string Status { get; init; } = "paid";

    public string? FailureCode { get; init; }

    public string? FailureMessage { get; init; }

    /// <summary>The <c>payout_failure</c> transaction that put the money back in the balance.</summary>
    public string? FailureBalanceTransaction { get; init; }
}

internal sealed record DisputeRecord(string Id, long Seq, long Created, long Amount, string Currency, string Charge,
    string PaymentIntent, string Reason, string Status, long? EvidenceDueBy, IReadOnlyList<string> BalanceTransactions)
{
    /// <summary>A SEPA debit's "dispute" is a bank return: no evidence can be submitted and it is lost at once.</summary>
    public bool IsBankReturn { get; init; }
}

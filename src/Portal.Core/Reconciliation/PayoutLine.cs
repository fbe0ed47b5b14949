namespace Portal.Core.Reconciliation;

/// <summary>
/// One balance transaction of a payout, as the gateway reported it, and what of ours it was matched to. Amounts are in
/// the payout's (settlement) currency; <see cref="ExchangeRate"/> is the gateway's rate from the gift's currency.
/// </summary>
public class PayoutLine
{
    public long Id { get; set; }

    public long PayoutId { get; set; }

    /// <summary><c>txn_...</c>: unique, so re-importing a payout never adds a line twice.</summary>
    public required string BalanceTransactionId { get; set; }

    /// <summary>The gateway's type: <c>charge</c>, <c>payment</c>, <c>refund</c>, <c>adjustment</c> (disputes) and others.</summary>
    public required string Type { get; set; }

    public string? ReportingCategory { get; set; }

    /// <summary>The object behind it: <c>ch_</c>, <c>py_</c>, <c>re_</c>, <c>du_</c>.</summary>
    public string? SourceId { get; set; }

    public long AmountMinor { get; set; }

    public long FeeMinor { get; set; }

    public long NetMinor { get; set; }

    public required string Currency { get; set; }

    public decimal? ExchangeRate { get; set; }

    public DateTime GatewayCreatedAt { get; set; }

    public PayoutLineMatch Match { get; set; }

    public Guid? ChargeId { get; set; }

    public Guid? RefundId { get; set; }

    public Guid? DisputeId { get; set; }

    /// <summary>The gateway's amount less what our records expected, in the line's currency; null when they agree.</summary>
    public long? DifferenceMinor { get; set; }
}

public enum PayoutLineMatch
{
    /// <summary>Nothing of ours: an exception until staff resolve it.</summary>
    Unmatched = 0,
    Charge = 1,
    Refund = 2,
    Dispute = 3,
    /// <summary>Something we expect without a record of our own (a refund failure, the payout's own line).</summary>
    Other = 4,
}

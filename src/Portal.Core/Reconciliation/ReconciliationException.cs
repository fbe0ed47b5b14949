namespace Portal.Core.Reconciliation;

/// <summary>
/// Something reconciliation could not explain: a gateway line with nothing of ours, one of ours the gateway never paid
/// out, an amount that differs, a bank line without a payout or a payout the bank never received. It stays open until
/// a Finance user links it, writes it off or ignores it, each with a reason, and every resolution is audited.
/// </summary>
public class ReconciliationException
{
    public long Id { get; set; }

    /// <summary>What raised it, unique ("line:txn_123:unmatched"), so a repeated import never raises it twice.</summary>
    public required string Key { get; set; }

    public ExceptionKind Kind { get; set; }

    public required string Summary { get; set; }

    public long? AmountMinor { get; set; }

    public string? Currency { get; set; }

    public long? PayoutId { get; set; }

    public long? PayoutLineId { get; set; }

    /// <summary>The payout line it is about, when there is one.</summary>
    public PayoutLine? Line { get; set; }

    public Guid? ChargeId { get; set; }

    public long? BankLineId { get; set; }

    public Guid? FundId { get; set; }

    public ExceptionStatus Status { get; set; }

    public string? Resolution { get; set; }

    public string? ResolvedBy { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }
}

public enum ExceptionKind
{
    /// <summary>A gateway line in a payout that matches nothing of ours.</summary>
    UnmatchedGatewayLine = 1,
    /// <summary>A payment we recorded as paid that no payout has settled in the expected time.</summary>
    MissingFromPayouts = 2,
    /// <summary>Matched, but the gateway's amount differs from ours.</summary>
    AmountDifference = 3,
    /// <summary>Money at the bank that matches no payout.</summary>
    UnmatchedBankLine = 4,
    /// <summary>A paid payout the bank statements never showed.</summary>
    PayoutNotArrived = 5,
}

public enum ExceptionStatus
{
    Open = 0,
    /// <summary>Linked by hand to the record it belongs to.</summary>
    Linked = 1,
    /// <summary>Accepted as a loss or gain, posted to the write-off account.</summary>
    WrittenOff = 2,
    /// <summary>Needs nothing (a test payment, a line explained elsewhere).</summary>
    Ignored = 3,
}

namespace Portal.Core.Reconciliation;

/// <summary>
/// A transfer from the gateway to the charity's bank, imported with every balance transaction it settles. The import
/// posts it (the bank receives, the gateway's clearing account gives) under the key <c>payout:{GatewayPayoutId}</c>.
/// </summary>
public class Payout
{
    public long Id { get; set; }

    public required string Gateway { get; set; }

    /// <summary><c>po_...</c>: unique per gateway, so a second import of the same payout updates instead of adding.</summary>
    public required string GatewayPayoutId { get; set; }

    public long AmountMinor { get; set; }

    public required string Currency { get; set; }

    /// <summary>The day the bank should see the money (the charity's calendar).</summary>
    public DateOnly ArrivalDate { get; set; }

    public PayoutStatus Status { get; set; }

    public string? FailureCode { get; set; }

    /// <summary>When the gateway created the payout.</summary>
    public DateTime GatewayCreatedAt { get; set; }

    public DateTime ImportedAt { get; set; }

    /// <summary>How many balance transactions the payout settles, its own excepted, and how many matched ours.</summary>
    public int LineCount { get; set; }

    public int MatchedCount { get; set; }

    /// <summary>Exceptions still open: the payout is reconciled when this reaches zero.</summary>
    public int OpenExceptionCount { get; set; }

    /// <summary>The bank statement line the money arrived on, once matched.</summary>
    public long? BankLineId { get; set; }
}

public enum PayoutStatus
{
    InTransit = 0,
    Paid = 1,
    Failed = 2,
}

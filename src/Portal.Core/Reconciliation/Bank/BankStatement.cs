namespace Portal.Core.Reconciliation.Bank;

/// <summary>An imported bank statement file: CSV in a configured layout, or ISO 20022 CAMT.053.</summary>
public class BankStatement
{
    public long Id { get; set; }

    public required string FileName { get; set; }

    /// <summary><c>csv</c> or <c>camt.053</c>.</summary>
    public required string Format { get; set; }

    /// <summary>The account the statement is for (an IBAN), when the file names it.</summary>
    public string? AccountIdentifier { get; set; }

    /// <summary>SHA-256 of the file: the same file imported twice is refused.</summary>
    public required string ContentHash { get; set; }

    public int LineCount { get; set; }

    public DateTime ImportedAt { get; set; }

    public required string ImportedBy { get; set; }
}

/// <summary>One booked line of a bank statement; credits are positive.</summary>
public class BankLine
{
    public long Id { get; set; }

    public long BankStatementId { get; set; }

    /// <summary>
    /// What makes the line unique across overlapping statements: the bank's own reference when it gives one, otherwise
    /// the date, amount, reference and position. A line already imported is skipped.
    /// </summary>
    public required string LineKey { get; set; }

    /// <summary>
    /// The account, day, amount and the booking's place among equal ones that day: finds the same booking in a statement
    /// of the other format (see <see cref="BankLineKeys"/>). Null only for a line imported before it was kept and not yet filled in.
    /// </summary>
    public string? BookingKey { get; set; }

    public DateOnly BookedOn { get; set; }

    public long AmountMinor { get; set; }

    public required string Currency { get; set; }

    public string? Reference { get; set; }

    public string? Counterparty { get; set; }

    public string? Description { get; set; }

    /// <summary>The other party's account (an IBAN without spaces, in capitals), when the statement gives it.</summary>
    public string? CounterpartyAccount { get; set; }

    /// <summary>The structured creditor reference (ISO 11649 "RF…", CAMT <c>RmtInf/Strd/CdtrRefInf/Ref</c>), when the payer gave one.</summary>
    public string? CreditorReference { get; set; }

    public long? PayoutId { get; set; }

    public BankLineStatus Status { get; set; }
}

public enum BankLineStatus
{
    Unmatched = 0,
    Matched = 1,
    /// <summary>Not a payout (a bank fee, a transfer between accounts), set aside by staff with a reason.</summary>
    Ignored = 2,
    /// <summary>A donor's transfer, booked as an offline gift (<see cref="Gifts.OfflineGift.BankLineId"/>).</summary>
    Gift = 3,
}

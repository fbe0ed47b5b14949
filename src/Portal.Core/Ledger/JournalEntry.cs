namespace Portal.Core.Ledger;

/// <summary>
/// One balanced posting. Entries are never edited or deleted (the context refuses it); a mistake is corrected by a
/// reversing entry. <see cref="IdempotencyKey"/> is unique, so the same business event can never post twice.
/// </summary>
public class JournalEntry
{
    public long Id { get; set; }

    /// <summary>The accounting date (the charity's time zone).</summary>
    public DateOnly Date { get; set; }

    public required string Description { get; set; }

    /// <summary>What posted it, unique: "charge:{id}:succeeded".</summary>
    public required string IdempotencyKey { get; set; }

    public Guid? FundId { get; set; }

    public Guid? ChargeId { get; set; }

    /// <summary>The entry this one reverses, if it is a reversal.</summary>
    public long? ReversesEntryId { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<JournalLine> Lines { get; set; } = [];
}

/// <summary>A line of an entry: a signed amount on one account (debit positive, credit negative).</summary>
public class JournalLine
{
    public long Id { get; set; }

    public long JournalEntryId { get; set; }

    public long AccountId { get; set; }

    public Account? Account { get; set; }

    public long AmountMinor { get; set; }

    public required string Currency { get; set; }

    public long DebitMinor => AmountMinor > 0 ? AmountMinor : 0;

    public long CreditMinor => AmountMinor < 0 ? -AmountMinor : 0;
}

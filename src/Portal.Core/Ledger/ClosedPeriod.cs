namespace Portal.Core.Ledger;

/// <summary>
/// A month a Finance user closed. No entry may be dated in it or before it any more; a correction posts in the open
/// period as a reversal. Months close in order, so the latest row is the ledger's lock date.
/// </summary>
public class ClosedPeriod
{
    public long Id { get; set; }

    /// <summary>The month's first day.</summary>
    public DateOnly Month { get; set; }

    public DateTime ClosedAt { get; set; }

    public required string ClosedBy { get; set; }

    public DateOnly LastDay => Month.AddMonths(1).AddDays(-1);
}

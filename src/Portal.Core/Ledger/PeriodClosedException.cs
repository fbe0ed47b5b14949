namespace Portal.Core.Ledger;

/// <summary>An entry dated in a closed month: the ledger refuses it, so a closed month's figures never change.</summary>
public sealed class PeriodClosedException(DateOnly date, DateOnly lockDate)
    : InvalidOperationException(
        $"The ledger is closed through {lockDate:yyyy-MM-dd}; an entry dated {date:yyyy-MM-dd} cannot be posted. "
        + "Post the correction in the open period.")
{
    public DateOnly Date { get; } = date;

    public DateOnly LockDate { get; } = lockDate;
}

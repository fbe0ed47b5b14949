namespace Portal.Core.Ledger.Totals;

/// <summary>
/// An account's lines summed since the ledger began: its balance without reading its lines. Kept in the same
/// transaction as every posting (<see cref="LedgerTotalsInterceptor"/>); <see cref="TotalsCheck"/> proves it nightly.
/// </summary>
public class AccountTotal
{
    public long AccountId { get; set; }

    public long AmountMinor { get; set; }

    /// <summary>The part of <see cref="AmountMinor"/> on reversing entries (returned gifts, failed refunds).</summary>
    public long ReversedMinor { get; set; }

    public long LineCount { get; set; }
}

/// <summary>
/// An account's lines of one accounting date, split into lines of ordinary entries and lines of reversing entries
/// (a fund statement shows returned gifts apart from gifts). A period's figures are a sum over its days.
/// </summary>
public class AccountDayTotal
{
    public long AccountId { get; set; }

    public DateOnly Date { get; set; }

    public long PostedMinor { get; set; }

    public long ReversedMinor { get; set; }

    public long LineCount { get; set; }
}

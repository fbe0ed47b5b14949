namespace Portal.Core.Ledger.Totals;

/// <summary>
/// A fund's gifts of one accounting date and currency, by where the gateway settled them: <see cref="SettledCurrency"/>
/// is empty while no payout has settled them. Gives a statement its gift count and reporting-currency figures.
/// </summary>
public class GiftDayTotal
{
    public Guid FundId { get; set; }

    public required string Currency { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>The settlement currency, or "" for gifts not settled yet.</summary>
    public required string SettledCurrency { get; set; }

    public long Gifts { get; set; }

    public long GrossMinor { get; set; }

    /// <summary>What the gateway settled for these gifts, in <see cref="SettledCurrency"/>.</summary>
    public long SettledMinor { get; set; }
}

/// <summary>
/// Gifts of one date whose donor's previous gift to the same fund and currency fell on <see cref="PreviousDate"/>
/// (<see cref="DateOnly.MinValue"/> for a donor's first). The donors who gave in a period are the gifts in it whose
/// previous gift came before it: each donor counts once, at their first gift of the period, whatever the history.
/// </summary>
public class GiftDonorDay
{
    public Guid FundId { get; set; }

    public required string Currency { get; set; }

    public DateOnly Date { get; set; }

    public DateOnly PreviousDate { get; set; }

    public long Gifts { get; set; }
}

/// <summary>How many donors sponsor a fund now: donors with at least one running (active, paused or past-due) sponsorship of it.</summary>
public class FundSponsorCount
{
    public Guid FundId { get; set; }

    public long Sponsors { get; set; }
}

/// <summary>Whether the totals have been built from the ledger (after the migration that added them, or a rebuild).</summary>
public class LedgerTotalsState
{
    public int Id { get; set; }

    public DateTime BuiltAt { get; set; }

    /// <summary>The last nightly check: when, and what it found.</summary>
    public DateTime? CheckedAt { get; set; }

    public string? CheckResult { get; set; }
}

namespace Portal.Core.Ledger.Totals;

/// <summary>
/// What happened to a recurring sponsorship, as it was saved: it started, paused, resumed, was cancelled or ended
/// otherwise, moved between funds, or changed what it promises each month. Written in the same transaction as the
/// change by <see cref="LedgerTotalsInterceptor"/>; never changed afterwards. The fundraising figures
/// (<see cref="SponsorshipMonthTotal"/>) are these events counted per month, and the nightly check proves it.
/// </summary>
public class SponsorshipEvent
{
    public long Id { get; set; }

    public Guid SponsorshipId { get; set; }

    public Guid FundId { get; set; }

    public required string Currency { get; set; }

    /// <summary>The charity's calendar date of the change.</summary>
    public DateOnly Date { get; set; }

    public SponsorshipEventKind Kind { get; set; }

    /// <summary>For a cancellation: the reason's code (<see cref="Sponsorships.CancelReasons"/>); "" otherwise.</summary>
    public required string Reason { get; set; }

    /// <summary>The change in running sponsorships of the fund: +1, -1 or 0.</summary>
    public int Running { get; set; }

    /// <summary>The change in what the fund's active sponsorships promise per month (<see cref="Fundraising.MonthlyEquivalent"/>).</summary>
    public long MonthlyMinor { get; set; }
}

public enum SponsorshipEventKind
{
    /// <summary>It began to run: its first payment succeeded (or it ran again after it had stopped).</summary>
    Started = 1,
    Paused = 2,
    Resumed = 3,
    Cancelled = 4,

    /// <summary>It stopped running without a cancellation (its payments failed for good).</summary>
    Ended = 5,
    MovedIn = 6,
    MovedOut = 7,

    /// <summary>Its amount, interval or state changed what it promises per month, and nothing else above happened.</summary>
    Changed = 8,
}

/// <summary>The <see cref="SponsorshipEvent"/>s of one fund, currency, month, kind and reason, summed.</summary>
public class SponsorshipMonthTotal
{
    public Guid FundId { get; set; }

    public required string Currency { get; set; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }

    public SponsorshipEventKind Kind { get; set; }

    public required string Reason { get; set; }

    public long Events { get; set; }

    public long Running { get; set; }

    public long MonthlyMinor { get; set; }
}

/// <summary>
/// A fund's gifts of one month and currency, and its donors counted from their chains of gift dates
/// (<see cref="GiftDonorDay"/>): who gave in the month, who gave to the fund for the first time, who gave for the first
/// time this year, and of those who had given the year before.
/// </summary>
public class GiftMonthTotal
{
    public Guid FundId { get; set; }

    public required string Currency { get; set; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }

    public long Gifts { get; set; }

    public long GrossMinor { get; set; }

    /// <summary>Donors who gave in the month, each once.</summary>
    public long Donors { get; set; }

    /// <summary>Donors whose first gift to the fund fell in the month.</summary>
    public long FirstTime { get; set; }

    /// <summary>Donors whose first gift of the calendar year fell in the month.</summary>
    public long YearDonors { get; set; }

    /// <summary>Of <see cref="YearDonors"/>, those who gave the year before too.</summary>
    public long Retained { get; set; }
}

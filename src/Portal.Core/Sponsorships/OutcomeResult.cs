using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Ledger;

namespace Portal.Core.Sponsorships;

/// <summary>What applying an event did. <see cref="Receipt"/> is set when the charge was paid just now.</summary>
public sealed record OutcomeResult(bool Matched, string? Note, PaidCharge? Receipt = null)
{
    public static OutcomeResult Applied { get; } = new(true, null);

    public static OutcomeResult Unmatched(string note) => new(false, note);

    public static OutcomeResult Paid(PaidCharge paid) => new(true, null, paid);
}

/// <summary>A charge that has just been paid, with what its receipt needs once the ledger entry is saved.</summary>
public sealed record PaidCharge(Charge Charge, Sponsorship Sponsorship, Fund Fund, Donor Donor, JournalEntry Entry);

using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Donors;

namespace Portal.Core.Ledger.Totals;

/// <summary>
/// Keeps <see cref="Donor.LastGiftOn"/>: a gift moves its donor's date forward (never back, so gifts that arrive out
/// of date order stay right); a merge, or its undoing, finds the date again from the donors' gifts.
/// </summary>
internal static class LastGifts
{
    public static async Task KeepAsync(
        PortalDbContext db,
        List<NewGift> gifts,
        IReadOnlyDictionary<Guid, Guid> donorOfCharge,
        List<SponsorshipMove> moves,
        CancellationToken cancellationToken)
    {
        // One statement per date (a charge run's gifts share theirs), not one per donor.
        var latest = gifts.GroupBy(g => donorOfCharge[g.ChargeId]).Select(g => (Donor: g.Key, Date: g.Max(x => x.Date)));
        foreach (var day in latest.GroupBy(d => d.Date).OrderBy(d => d.Key))
        {
            DateOnly? date = day.Key;
            var donors = day.Select(d => d.Donor).Order().ToList();
            await db.Donors.Where(d => donors.Contains(d.Id) && (d.LastGiftOn == null || d.LastGiftOn < date))
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.LastGiftOn, date), cancellationToken);
        }

        var moved = moves.SelectMany(m => new[] { m.From, m.To }).Distinct().Order().ToList();
        if (moved.Count > 0)
        {
            await FromGiftsAsync(db, db.Donors.Where(d => moved.Contains(d.Id)), cancellationToken);
        }
    }

    /// <summary>Sets the donors' dates from their gifts: for a merge, a rebuild and the check.</summary>
    public static Task<int> FromGiftsAsync(PortalDbContext db, IQueryable<Donor> donors, CancellationToken cancellationToken) =>
        donors.ExecuteUpdateAsync(
            set => set.SetProperty(
                d => d.LastGiftOn,
                d => db.Charges.Where(c => c.GiftDate != null && db.Sponsorships.Any(s => s.Id == c.SponsorshipId && s.DonorId == d.Id))
                    .Max(c => c.GiftDate)),
            cancellationToken);

    /// <summary>Donors whose date differs from their gifts'.</summary>
    public static IQueryable<Guid> Wrong(PortalDbContext db) =>
        db.Donors.Where(d => d.LastGiftOn != db.Charges
                .Where(c => c.GiftDate != null && db.Sponsorships.Any(s => s.Id == c.SponsorshipId && s.DonorId == d.Id))
                .Max(c => c.GiftDate))
            .Select(d => d.Id);
}

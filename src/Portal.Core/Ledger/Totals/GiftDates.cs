using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Ledger.Totals;

/// <summary>Charges that posted their gift before <see cref="Sponsorships.Charge.GiftDate"/> existed get it from their gift's entry.</summary>
internal static class GiftDates
{
    public static async Task<int> BackfillAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        // The gift entry of a charge: its "charge:{id}:succeeded" entry, not a reversal (ChargePostings.IsGift).
        var gifts = db.JournalEntries.Where(e => e.ChargeId != null && e.ReversesEntryId == null
            && e.IdempotencyKey.StartsWith("charge:") && e.IdempotencyKey.EndsWith(":succeeded"));
        return await db.Charges
            .Where(c => c.GiftDate == null && gifts.Any(e => e.ChargeId == c.Id))
            .ExecuteUpdateAsync(set => set
                .SetProperty(c => c.GiftDate, c => gifts.Where(e => e.ChargeId == c.Id).Select(e => (DateOnly?)e.Date).First())
                .SetProperty(c => c.FundId, c => c.FundId ?? gifts.Where(e => e.ChargeId == c.Id).Select(e => e.FundId).First()), cancellationToken);
    }
}

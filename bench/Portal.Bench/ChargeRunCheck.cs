using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Sponsorships;

namespace Portal.Bench;

/// <summary>What the run left behind, read back from the database and the fake Stripe after the measured part.</summary>
internal sealed record ChargeRunCheck(int Succeeded, int DoubleCharges, int Missed, int Unrecorded, int UnbalancedCurrencies, int ReceiptsQueued)
{
    public static async Task<ChargeRunCheck> ReadAsync(
        PortalDbContext db,
        DateOnly today,
        IReadOnlyList<(string ChargeId, string Attempt, string Status)> intents,
        CancellationToken cancellationToken)
    {
        var succeeded = await db.Charges.CountAsync(c => c.PeriodStart == today && c.Status == ChargeStatus.Succeeded, cancellationToken);
        var missed = await db.Sponsorships.CountAsync(
            s => !db.Charges.Any(c => c.SponsorshipId == s.Id && c.PeriodStart == today && c.Status == ChargeStatus.Succeeded), cancellationToken);

        // A period charged twice: two Charge rows for it, or two succeeded PaymentIntents for one charge.
        var twiceClaimed = await db.Charges.GroupBy(c => new { c.SponsorshipId, c.PeriodStart })
            .Where(g => g.Count() > 1).Select(g => new { g.Key.SponsorshipId, g.Key.PeriodStart }).ToListAsync(cancellationToken);
        var paid = intents.Where(pi => pi.Status == "succeeded").ToList();
        var twicePaidIds = paid.GroupBy(pi => pi.ChargeId).Where(g => g.Count() > 1).Select(g => Guid.Parse(g.Key)).ToList();
        var twicePaid = await db.Charges.Where(c => twicePaidIds.Contains(c.Id))
            .Select(c => new { c.SponsorshipId, c.PeriodStart }).ToListAsync(cancellationToken);
        var doubles = twiceClaimed.Union(twicePaid).Count() + (twicePaidIds.Count - twicePaid.Count);

        // Money taken at the gateway that the portal did not record as paid.
        var recorded = (await db.Charges.Where(c => c.Status == ChargeStatus.Succeeded).Select(c => c.Id).ToListAsync(cancellationToken))
            .Select(id => id.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unrecorded = paid.Select(pi => pi.ChargeId).Distinct().Count(id => !recorded.Contains(id));

        var unbalanced = await db.JournalLines.GroupBy(l => l.Currency).Where(g => g.Sum(l => l.AmountMinor) != 0).CountAsync(cancellationToken);
        var receipts = await db.OutboundEmails.CountAsync(cancellationToken);
        return new ChargeRunCheck(succeeded, doubles, missed, unrecorded, unbalanced, receipts);
    }
}

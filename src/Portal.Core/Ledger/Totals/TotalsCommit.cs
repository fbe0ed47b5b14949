using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Sponsorships;

namespace Portal.Core.Ledger.Totals;

/// <summary>
/// Writes a transaction's totals just before it commits, in one fixed order (donor locks, then each table's rows by
/// key), so that two committing transactions never wait on each other in a circle.
/// </summary>
internal static class TotalsCommit
{
    public static async Task WriteAsync(DbContext context, PendingTotals totals, CancellationToken cancellationToken)
    {
        var db = (PortalDbContext)context;
        var giftDonors = await GiftDonorsAsync(db, totals.Gifts, cancellationToken);
        // A donor's chain of gifts and count of running sponsorships are read, then written: one transaction at a time per donor.
        await TotalsSql.LockDonorsAsync(
            db,
            [
                .. giftDonors.Values.Concat(totals.Running.Keys.Select(k => k.DonorId))
                    .Concat(totals.Moves.SelectMany(m => new[] { m.From, m.To })).Distinct().Order(),
            ],
            cancellationToken);
        var chains = await GiftChains.DeltasAsync(db, totals.Gifts, giftDonors, cancellationToken);
        foreach (var (pair, change) in await GiftChains.MoveDeltasAsync(db, totals.Moves, cancellationToken))
        {
            chains[pair] = chains.GetValueOrDefault(pair) + change;
        }

        var sponsors = await SponsorDeltasAsync(db, totals.Running, cancellationToken);

        await TotalsWrite.AllAsync(db, new TotalsSnapshot(totals, chains, sponsors), cancellationToken);
        await new TotalsSql(db).InsertEventsAsync(totals.Events, cancellationToken);
        await LastGifts.KeepAsync(db, totals.Gifts, giftDonors, totals.Moves, cancellationToken);
    }

    private static async Task<Dictionary<Guid, Guid>> GiftDonorsAsync(PortalDbContext db, List<NewGift> gifts, CancellationToken cancellationToken)
    {
        if (gifts.Count == 0)
        {
            return [];
        }

        var ids = gifts.Select(g => g.ChargeId).ToList();
        return await (from charge in db.Charges.AsNoTracking()
                      where ids.Contains(charge.Id)
                      join sponsorship in db.Sponsorships on charge.SponsorshipId equals sponsorship.Id
                      select new { charge.Id, sponsorship.DonorId })
            .ToDictionaryAsync(x => x.Id, x => x.DonorId, cancellationToken);
    }

    /// <summary>A fund gains a sponsor when a donor's running sponsorships of it go from none to some, and loses one the other way.</summary>
    private static async Task<Dictionary<Guid, long>> SponsorDeltasAsync(
        PortalDbContext db,
        Dictionary<(Guid FundId, Guid DonorId), int> running,
        CancellationToken cancellationToken)
    {
        if (running.Count == 0)
        {
            return [];
        }

        var donors = running.Keys.Select(k => k.DonorId).Distinct().ToList();
        var now = await db.Sponsorships.AsNoTracking()
            .Where(s => donors.Contains(s.DonorId) && SponsorshipStatuses.Running.Contains(s.Status))
            .GroupBy(s => new { s.FundId, s.DonorId })
            .Select(g => new { g.Key.FundId, g.Key.DonorId, Count = g.Count() })
            .ToDictionaryAsync(x => (x.FundId, x.DonorId), x => x.Count, cancellationToken);
        var deltas = new Dictionary<Guid, long>();
        foreach (var ((fundId, donorId), change) in running)
        {
            var after = now.GetValueOrDefault((fundId, donorId));
            var before = after - change;
            var delta = (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
            if (delta != 0)
            {
                deltas[fundId] = deltas.GetValueOrDefault(fundId) + delta;
            }
        }

        return deltas.Where(d => d.Value != 0).ToDictionary();
    }
}

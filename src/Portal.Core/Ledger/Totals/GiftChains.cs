using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Ledger.Totals;

/// <summary>
/// Each donor's gifts to a fund in a currency, in date order, as pairs of (gift date, previous gift date): the rows of
/// <see cref="GiftDonorDay"/>. A new gift adds its pair and, when it falls before a gift already there, changes that
/// gift's previous date; both are found by comparing the donor's chain without and with the new gifts.
/// </summary>
internal static class GiftChains
{
    public static async Task<Dictionary<ChainPair, long>> DeltasAsync(
        PortalDbContext db,
        List<NewGift> gifts,
        IReadOnlyDictionary<Guid, Guid> donorOfCharge,
        CancellationToken cancellationToken)
    {
        var deltas = new Dictionary<ChainPair, long>();
        if (gifts.Count == 0)
        {
            return deltas;
        }

        var fresh = gifts.Select(g => g.ChargeId).ToHashSet();
        var donors = donorOfCharge.Values.Distinct().ToList();
        var known = await (from charge in db.Charges.AsNoTracking()
                           join sponsorship in db.Sponsorships on charge.SponsorshipId equals sponsorship.Id
                           where donors.Contains(sponsorship.DonorId) && charge.GiftDate != null && charge.FundId != null
                           select new
                           {
                               charge.Id,
                               FundId = charge.FundId!.Value,
                               charge.Currency,
                               sponsorship.DonorId,
                               Date = charge.GiftDate!.Value,
                           })
            .ToListAsync(cancellationToken);
        var before = known.Where(k => !fresh.Contains(k.Id)).ToLookup(k => (k.FundId, k.Currency, k.DonorId), k => k.Date);
        foreach (var chain in gifts.GroupBy(g => (g.FundId, g.Currency, DonorId: donorOfCharge[g.ChargeId])))
        {
            var old = before[chain.Key].Order().ToList();
            Add(deltas, chain.Key.FundId, chain.Key.Currency, old, -1);
            Add(deltas, chain.Key.FundId, chain.Key.Currency, [.. old.Concat(chain.Select(g => g.Date)).Order()], 1);
        }

        foreach (var zero in deltas.Where(d => d.Value == 0).Select(d => d.Key).ToList())
        {
            deltas.Remove(zero);
        }

        return deltas;
    }

    /// <summary>
    /// The change in the pairs when sponsorships move between donors (a merge joins two donors' chains; undoing it
    /// splits them again): each donor's chains now, less their chains with the moved sponsorships' gifts put back.
    /// </summary>
    public static async Task<Dictionary<ChainPair, long>> MoveDeltasAsync(
        PortalDbContext db, List<SponsorshipMove> moves, CancellationToken cancellationToken)
    {
        var deltas = new Dictionary<ChainPair, long>();
        if (moves.Count == 0)
        {
            return deltas;
        }

        // A sponsorship moved twice in one transaction was first with the first move's donor.
        var from = moves.GroupBy(m => m.SponsorshipId).ToDictionary(g => g.Key, g => g.First().From);
        var donors = moves.SelectMany(m => new[] { m.From, m.To }).Distinct().ToList();
        var gifts = await (from charge in db.Charges.AsNoTracking()
                           join sponsorship in db.Sponsorships on charge.SponsorshipId equals sponsorship.Id
                           where donors.Contains(sponsorship.DonorId) && charge.GiftDate != null && charge.FundId != null
                           select new
                           {
                               charge.SponsorshipId,
                               FundId = charge.FundId!.Value,
                               charge.Currency,
                               sponsorship.DonorId,
                               Date = charge.GiftDate!.Value,
                           })
            .ToListAsync(cancellationToken);
        foreach (var chain in gifts.GroupBy(g => (g.FundId, g.Currency, g.DonorId)))
        {
            Add(deltas, chain.Key.FundId, chain.Key.Currency, [.. chain.Select(g => g.Date).Order()], 1);
        }

        var before = gifts.GroupBy(g => (g.FundId, g.Currency, DonorId: from.TryGetValue(g.SponsorshipId, out var was) ? was : g.DonorId));
        foreach (var chain in before)
        {
            Add(deltas, chain.Key.FundId, chain.Key.Currency, [.. chain.Select(g => g.Date).Order()], -1);
        }

        foreach (var zero in deltas.Where(d => d.Value == 0).Select(d => d.Key).ToList())
        {
            deltas.Remove(zero);
        }

        return deltas;
    }

    /// <summary>Adds the pairs of one donor's chain (dates in order) with the given sign.</summary>
    public static void Add(Dictionary<ChainPair, long> pairs, Guid fundId, string currency, IReadOnlyList<DateOnly> dates, int sign)
    {
        for (var i = 0; i < dates.Count; i++)
        {
            var pair = new ChainPair(fundId, currency, dates[i], i == 0 ? DateOnly.MinValue : dates[i - 1]);
            pairs[pair] = pairs.GetValueOrDefault(pair) + sign;
        }
    }
}

internal readonly record struct ChainPair(Guid FundId, string Currency, DateOnly Date, DateOnly PreviousDate);

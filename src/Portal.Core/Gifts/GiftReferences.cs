using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Hosting;

namespace Portal.Core.Gifts;

/// <summary>The payment reference of a donor's gifts to a fund (<see cref="GiftReference"/>), given the first time it is asked for.</summary>
public sealed class GiftReferences(PortalDbContext db, CharityCalendar calendar)
{
    /// <summary>The donor's references for each of the funds, made for those that have none yet. Saves: call it with nothing else pending.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> ForAsync(
        Guid donorId, IReadOnlyCollection<Guid> fundIds, CancellationToken cancellationToken)
    {
        var known = await KnownAsync(donorId, fundIds, cancellationToken);
        var missing = fundIds.Distinct().Where(f => !known.ContainsKey(f)).ToList();
        if (missing.Count == 0)
        {
            return known;
        }

        var added = missing.Select(f => new GiftReference
        {
            Reference = PaymentReferences.NewForGift(),
            DonorId = donorId,
            FundId = f,
            CreatedAt = calendar.UtcNow,
        }).ToList();
        db.GiftReferences.AddRange(added);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone gave the same donor and fund a reference at the same moment: theirs stands.
            foreach (var reference in added)
            {
                db.Entry(reference).State = EntityState.Detached;
            }
        }

        return await KnownAsync(donorId, fundIds, cancellationToken);
    }

    private async Task<Dictionary<Guid, string>> KnownAsync(Guid donorId, IReadOnlyCollection<Guid> fundIds, CancellationToken cancellationToken)
    {
        var ids = fundIds.Distinct().ToList();
        return await db.GiftReferences.AsNoTracking().Where(r => r.DonorId == donorId && ids.Contains(r.FundId))
            .ToDictionaryAsync(r => r.FundId, r => r.Reference, cancellationToken);
    }
}

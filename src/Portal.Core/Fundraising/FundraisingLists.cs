using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Sponsorships;

namespace Portal.Core.Fundraising;

/// <summary>The lists Communications acts on, each one query that the fundraising page, its exports and an update's audience use.</summary>
public static class FundraisingLists
{
    /// <summary>Donors whose latest gift fell last calendar year: they gave last year and not this year.</summary>
    public static IQueryable<Donor> Lapsed(PortalDbContext db, DateOnly today, Guid? fundId)
    {
        var (from, to) = (new DateOnly(today.Year - 1, 1, 1), new DateOnly(today.Year, 1, 1));
        var donors = db.Donors.Where(d => d.LastGiftOn >= from && d.LastGiftOn < to && d.MergedIntoId == null && d.ErasedAt == null);
        if (fundId is { } fund)
        {
            var givers = db.Sponsorships.Where(s => s.FundId == fund).Select(s => s.DonorId);
            donors = donors.Where(d => givers.Contains(d.Id));
        }

        return donors;
    }

    /// <summary>Active sponsorships whose saved card expires this month or next.</summary>
    public static IQueryable<Sponsorship> ExpiringCards(PortalDbContext db, DateOnly today, Guid? fundId)
    {
        var (from, to) = (new DateOnly(today.Year, today.Month, 1), new DateOnly(today.Year, today.Month, 1).AddMonths(2));
        return db.Sponsorships.Where(s => s.Status == SponsorshipStatus.Active && s.CardExpiresOn >= from && s.CardExpiresOn < to
            && (fundId == null || s.FundId == fundId));
    }

    /// <summary>Sponsorships whose payment failed and whose retries ran out.</summary>
    public static IQueryable<Sponsorship> PastDue(PortalDbContext db, Guid? fundId) =>
        db.Sponsorships.Where(s => s.Status == SponsorshipStatus.PastDue && (fundId == null || s.FundId == fundId));

    /// <summary>The donors of a list, each once.</summary>
    public static IQueryable<Donor> Donors(PortalDbContext db, FundraisingList list, DateOnly today, Guid? fundId)
    {
        if (list == FundraisingList.Lapsed)
        {
            return Lapsed(db, today, fundId);
        }

        var sponsors = (list == FundraisingList.ExpiringCards ? ExpiringCards(db, today, fundId) : PastDue(db, fundId)).Select(s => s.DonorId);
        return db.Donors.Where(d => sponsors.Contains(d.Id));
    }
}

public enum FundraisingList
{
    Lapsed = 1,
    ExpiringCards = 2,
    PastDue = 3,
}

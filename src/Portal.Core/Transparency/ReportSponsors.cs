using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Sponsorships;

namespace Portal.Core.Transparency;

/// <summary>
/// How many people sponsor a fund in a period: distinct donors who either gave to it in the period (a gift entry in
/// the ledger dated in it, as the fund statement counts gifts) or held a recurring sponsorship of it that had started
/// before the period ended and had not ended by then. The second half is "active or paused at period end"
/// reconstructed from the start and end dates, because the sponsorship's status history is not kept; it counts a
/// yearly sponsor in the quarters they are not charged, and a donor who paused for the summer.
/// </summary>
internal static class ReportSponsors
{
    public static async Task<int> CountAsync(
        PortalDbContext db,
        Guid fundId,
        ReportPeriod period,
        CharityCalendar calendar,
        CancellationToken cancellationToken)
    {
        var endUtc = calendar.StartOfDayUtc(period.End);
        var holding = await db.Sponsorships.AsNoTracking()
            .Where(s => s.FundId == fundId && s.Interval != SponsorshipInterval.Once && s.StartedAt != null && s.StartedAt < endUtc
                && (s.EndedAt == null || s.EndedAt >= endUtc))
            .Select(s => s.DonorId).Distinct().ToListAsync(cancellationToken);
        var gave = await StatementGifts.Charges(db, fundId, period.Start, period.End.AddDays(-1))
            .Join(db.Sponsorships, c => c.SponsorshipId, s => s.Id, (c, s) => s.DonorId)
            .Distinct().ToListAsync(cancellationToken);
        return holding.Union(gave).Count();
    }
}

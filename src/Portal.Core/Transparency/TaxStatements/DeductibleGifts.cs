using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Communications.Receipts;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships;

namespace Portal.Core.Transparency.TaxStatements;

/// <summary>
/// The gifts a tax statement counts: receipted charges that were paid and kept, each as its receipt shows it now
/// (<see cref="ReceiptView.Kept"/>: the amount less what was refunded). Returned (SEPA) and disputed payments count for
/// nothing, as does a payment refunded in full. A gift's date is the day it was paid in <c>Portal:TimeZone</c>.
/// </summary>
public sealed class DeductibleGifts(PortalDbContext db, CharityCalendar calendar, FiscalYears years, IOptions<PortalOptions> portal)
{
    /// <summary>The donor's gifts in the fiscal year, oldest first.</summary>
    public async Task<List<ReceiptView>> OfAsync(Donor donor, int fiscalYear, CancellationToken cancellationToken)
    {
        var donorId = donor.Id;
        var rows = await (from charge in Kept(fiscalYear)
                          join s in db.Sponsorships on charge.SponsorshipId equals s.Id
                          where s.DonorId == donorId
                          join fund in db.Funds on charge.FundId ?? s.FundId equals fund.Id
                          select new { charge, s, fund }).ToListAsync(cancellationToken);
        return rows
            .Select(r => ReceiptMail.View(r.charge, r.s, r.fund, donor, calendar.DateOf(r.charge.SucceededAt!.Value), portal.Value.CharityName))
            .OrderBy(view => view.Date).ThenBy(view => view.ReceiptNumber, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every donor with at least one gift that counts in the fiscal year.</summary>
    public Task<List<Guid>> DonorsAsync(int fiscalYear, CancellationToken cancellationToken) =>
        (from charge in Kept(fiscalYear)
         join s in db.Sponsorships on charge.SponsorshipId equals s.Id
         select s.DonorId).Distinct().ToListAsync(cancellationToken);

    /// <summary>The fiscal years the donor has a gift that counts in, newest first.</summary>
    public async Task<List<int>> YearsAsync(Guid donorId, CancellationToken cancellationToken)
    {
        var paid = await (from charge in Counted()
                          join s in db.Sponsorships on charge.SponsorshipId equals s.Id
                          where s.DonorId == donorId
                          select charge.SucceededAt!.Value).ToListAsync(cancellationToken);
        return paid.Select(at => years.Of(calendar.DateOf(at))).Distinct().OrderDescending().ToList();
    }

    private IQueryable<Charge> Kept(int fiscalYear)
    {
        var (from, to) = years.Range(fiscalYear);
        var fromUtc = calendar.StartOfDayUtc(from);
        var toUtc = calendar.StartOfDayUtc(to);
        return Counted().Where(c => c.SucceededAt >= fromUtc && c.SucceededAt < toUtc);
    }

    private IQueryable<Charge> Counted() =>
        db.Charges.AsNoTracking().Where(c =>
            (c.Status == ChargeStatus.Succeeded || c.Status == ChargeStatus.Refunded) && c.ReversedAt == null
            && c.ReceiptNumber != null && c.SucceededAt != null && c.AmountMinor > c.AmountRefundedMinor);
}

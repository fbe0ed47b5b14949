using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Communications.Receipts;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Web.Pages.Account;

/// <summary>/account/receipts/{id}: a paid gift's receipt, for its own donor only (anyone else gets 404).</summary>
public sealed class ReceiptModel(PortalDbContext db, CharityCalendar calendar, IOptions<PortalOptions> portal) : DonorPageModel
{
    public ReceiptView Receipt { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var donorId = DonorId;
        var found = await (
            from charge in db.Charges.AsNoTracking()
            where charge.Id == id && charge.ReceiptNumber != null
            join s in db.Sponsorships on charge.SponsorshipId equals s.Id
            where s.DonorId == donorId
            join fund in db.Funds on s.FundId equals fund.Id
            join donor in db.Donors on s.DonorId equals donor.Id
            select new { charge, s, fund, donor }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        var date = calendar.DateOf(found.charge.SucceededAt ?? found.charge.CreatedAt);
        // The donor's reference for gifts to this fund (decision 033), for a transfer or standing order, when they have one.
        var giftReference = await db.GiftReferences.AsNoTracking().Where(r => r.DonorId == donorId && r.FundId == found.fund.Id)
            .Select(r => r.Reference).FirstOrDefaultAsync(cancellationToken);
        Receipt = ReceiptMail.View(found.charge, found.s, found.fund, found.donor, date, portal.Value.CharityName) with
        {
            GiftReference = giftReference,
        };
        return Page();
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Ledger;

namespace Portal.Core.Communications.Receipts;

/// <summary>Renders a receipt queued by the charge run, when it is sent, from the charge and its ledger entry.</summary>
public sealed class DeferredReceipt(PortalDbContext db, ReceiptMail receipts) : IDeferredEmailRenderer
{
    public string Template => ReceiptMail.Template;

    public async Task<RenderedEmail?> RenderAsync(Guid reference, CancellationToken cancellationToken)
    {
        var charge = await db.Charges.AsNoTracking().SingleOrDefaultAsync(c => c.Id == reference, cancellationToken);
        if (charge?.ReceiptNumber is null)
        {
            return null;
        }

        var sponsorship = await db.Sponsorships.AsNoTracking().SingleAsync(s => s.Id == charge.SponsorshipId, cancellationToken);
        var fund = await db.Funds.AsNoTracking().SingleAsync(f => f.Id == (charge.FundId ?? sponsorship.FundId), cancellationToken);
        var donor = await db.Donors.AsNoTracking().SingleAsync(d => d.Id == sponsorship.DonorId, cancellationToken);
        var key = ChargePostings.SucceededKey(charge.Id);
        var date = await db.JournalEntries.Where(e => e.IdempotencyKey == key).Select(e => e.Date).SingleAsync(cancellationToken);
        var giftReference = await db.GiftReferences.AsNoTracking().Where(r => r.DonorId == donor.Id && r.FundId == fund.Id)
            .Select(r => r.Reference).FirstOrDefaultAsync(cancellationToken);
        return await receipts.RenderAsync(charge, sponsorship, fund, donor, date, giftReference);
    }
}

/// <summary>
/// The amended receipt sent after a refund: the same receipt rendered when it is sent, so it shows everything returned
/// by then. One per refund (its key names the refund), whatever retries happen.
/// </summary>
public sealed class DeferredAmendedReceipt(PortalDbContext db, ReceiptMail receipts) : IDeferredEmailRenderer
{
    public string Template => ReceiptMail.AmendedTemplate;

    public Task<RenderedEmail?> RenderAsync(Guid reference, CancellationToken cancellationToken) =>
        new DeferredReceipt(db, receipts).RenderAsync(reference, cancellationToken);
}

using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships;

namespace Portal.Core.Refunds;

/// <summary>
/// Donors ask for money back from their account; the request waits in Finance's queue, which refunds it (through
/// <see cref="RefundDesk"/>) or declines it with a reason the donor sees. One open request per payment.
/// </summary>
public sealed class RefundRequests(PortalDbContext db, AuditLog audit, CharityCalendar calendar)
{
    public async Task<string?> SubmitAsync(Guid donorId, Guid chargeId, string? reason, CancellationToken cancellationToken)
    {
        var charge = await (from c in db.Charges
                            join s in db.Sponsorships on c.SponsorshipId equals s.Id
                            where c.Id == chargeId && s.DonorId == donorId
                            select c).SingleOrDefaultAsync(cancellationToken);
        if (charge is null || !RefundEligibility.DonorCanAsk(charge))
        {
            return "This payment cannot be refunded from here. Please write to us instead.";
        }

        var text = reason?.Trim() ?? "";
        if (text.Length is < 3 or > 1000)
        {
            return "Tell us in a few words (at most 1,000 characters) why you would like the money back.";
        }

        if (await db.RefundRequests.AnyAsync(r => r.ChargeId == chargeId && r.Status == RefundRequestStatus.Open, cancellationToken))
        {
            return "You have already asked for this payment back; Finance will answer soon.";
        }

        db.RefundRequests.Add(new RefundRequest { DonorId = donorId, ChargeId = chargeId, Reason = text, CreatedAt = calendar.UtcNow });
        audit.Record(donorId.ToString(), "donor", "refund.request.submitted", chargeId.ToString(), text);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task<string?> DeclineAsync(long requestId, string? reason, string actorId, string actorName, CancellationToken cancellationToken)
    {
        var request = await db.RefundRequests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || request.Status != RefundRequestStatus.Open)
        {
            return "This request has already been answered.";
        }

        var text = reason?.Trim() ?? "";
        if (text.Length is 0 or > 1000)
        {
            return "Give the donor a reason (at most 1,000 characters).";
        }

        request.Status = RefundRequestStatus.Declined;
        request.Decision = text;
        request.DecidedBy = actorName;
        request.DecidedAt = calendar.UtcNow;
        audit.Record(actorId, actorName, "refund.request.declined", request.ChargeId.ToString(), text);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}

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
    public Task<string?> SubmitAsync(Guid donorId, Guid chargeId, string? reason, CancellationToken cancellationToken) =>
        SubmitAsync(donorId, chargeId, reason, null, cancellationToken);

    /// <summary>
    /// Donor care asks for one of the donor's payments back on their behalf, by the same rules as the donor's own
    /// request (decision 032): the request waits in Finance's queue, and the audit record names the staff member and
    /// their reason under the donor's subject, so the donor's page lists it. Null when submitted; otherwise why not.
    /// </summary>
    public Task<string?> SubmitForDonorAsync(Guid donorId, Guid chargeId, Donors.Care.StaffActor staff, CancellationToken cancellationToken) =>
        Donors.Care.DonorCare.CheckReason(staff) is { } refused
            ? Task.FromResult<string?>(refused)
            : SubmitAsync(donorId, chargeId, staff.Reason, staff, cancellationToken);

    private async Task<string?> SubmitAsync(
        Guid donorId, Guid chargeId, string? reason, Donors.Care.StaffActor? staff, CancellationToken cancellationToken)
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

        db.RefundRequests.Add(new RefundRequest
        {
            DonorId = donorId,
            ChargeId = chargeId,
            Reason = staff is null ? text : $"{text} (asked by donor care, {staff.Name})",
            CreatedAt = calendar.UtcNow,
        });
        if (staff is null)
        {
            audit.Record(donorId.ToString(), "donor", "refund.request.submitted", chargeId.ToString(), text);
        }
        else
        {
            audit.Record(staff.Id, staff.Name, "refund.request.submitted", Donors.Care.DonorCare.Subject(donorId),
                $"charge {chargeId}; reason: {text}", staff.IpAddress);
        }

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

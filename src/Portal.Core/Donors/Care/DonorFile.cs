using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Sponsorships;

namespace Portal.Core.Donors.Care;

/// <summary>Everything donor care sees of one donor on their page (<see cref="DonorFiles"/>).</summary>
public sealed record DonorFile(
    Donor Donor,
    IReadOnlyList<string> GatewayCustomers,
    IReadOnlyList<ConsentRecord> Consents,
    IReadOnlyList<DonorFileSponsorship> Sponsorships,
    IReadOnlyList<DonorFileGift> Gifts,
    int GiftCount,
    IReadOnlyList<DonorFileRefund> Refunds,
    IReadOnlyList<DonorFileDispute> Disputes,
    IReadOnlyList<Transparency.TaxStatement> TaxStatements,
    IReadOnlyList<DonorFileEmail> Emails,
    IReadOnlyList<DonorSession> SignIns,
    IReadOnlyList<Audit.AuditRecord> History);

public sealed record DonorFileSponsorship(Sponsorship Sponsorship, string FundName, string FundSlug);

public sealed record DonorFileGift(Charge Charge, string FundName);

public sealed record DonorFileRefund(Refunds.Refund Refund, string? ReceiptNumber);

public sealed record DonorFileDispute(Disputes.Dispute Dispute, string? ReceiptNumber);

/// <summary>An e-mail sent (or to be sent) to the donor: a single message or their copy of an impact update.</summary>
public sealed record DonorFileEmail(DateTime At, string Subject, string Kind, string State, DateTime? SentAt, string? Error);

/// <summary>
/// Reads a donor's page. Each list is read from an index on the donor (or their sponsorships) and capped, newest
/// first, so a donor with thousands of gifts costs no more than one with <see cref="Shown"/>; the full gift list is
/// the donor's CSV export.
/// </summary>
public sealed class DonorFiles(PortalDbContext db)
{
    public const int Shown = 100;
    public const int ShownSmall = 30;

    public async Task<DonorFile?> ReadAsync(Guid donorId, CancellationToken cancellationToken)
    {
        var donor = await db.Donors.AsNoTracking().SingleOrDefaultAsync(d => d.Id == donorId, cancellationToken);
        if (donor is null)
        {
            return null;
        }

        var customers = await db.DonorGatewayCustomers.AsNoTracking().Where(c => c.DonorId == donorId)
            .Select(c => c.Gateway + " " + c.CustomerId).ToListAsync(cancellationToken);
        var consents = await db.ConsentRecords.AsNoTracking().Where(r => r.DonorId == donorId)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(ShownSmall).ToListAsync(cancellationToken);
        var sponsorships = await (
            from s in db.Sponsorships.AsNoTracking()
            where s.DonorId == donorId
            join fund in db.Funds on s.FundId equals fund.Id
            orderby s.CreatedAt descending
            select new DonorFileSponsorship(s, fund.Name, fund.Slug)).ToListAsync(cancellationToken);
        var sponsorshipIds = sponsorships.Select(s => s.Sponsorship.Id).ToList();
        var funds = sponsorships.ToDictionary(s => s.Sponsorship.Id, s => s.FundName);
        var charges = db.Charges.AsNoTracking().Where(c => sponsorshipIds.Contains(c.SponsorshipId));
        var gifts = (await charges.OrderByDescending(c => c.CreatedAt).Take(Shown).ToListAsync(cancellationToken))
            .Select(c => new DonorFileGift(c, funds[c.SponsorshipId])).ToList();
        var giftCount = gifts.Count < Shown ? gifts.Count : await charges.CountAsync(cancellationToken);
        var refunds = await (
            from r in db.Refunds.AsNoTracking()
            join c in charges on r.ChargeId equals c.Id
            orderby r.CreatedAt descending
            select new DonorFileRefund(r, c.ReceiptNumber)).Take(ShownSmall).ToListAsync(cancellationToken);
        var disputes = await (
            from d in db.Disputes.AsNoTracking()
            join c in charges on d.ChargeId equals c.Id
            orderby d.Id descending
            select new DonorFileDispute(d, c.ReceiptNumber)).Take(ShownSmall).ToListAsync(cancellationToken);
        var statements = await db.TaxStatements.AsNoTracking().Where(t => t.DonorId == donorId)
            .OrderByDescending(t => t.FiscalYear).Take(ShownSmall).ToListAsync(cancellationToken);
        var signIns = await db.DonorSessions.AsNoTracking().Where(s => s.DonorId == donorId)
            .OrderByDescending(s => s.CreatedAt).Take(ShownSmall).ToListAsync(cancellationToken);
        var subjects = sponsorshipIds.Select(id => $"sponsorship:{id}").Append(DonorCare.Subject(donorId)).ToList();
        var history = await db.AuditRecords.AsNoTracking().Where(r => r.Subject != null && subjects.Contains(r.Subject))
            .OrderByDescending(r => r.Id).Take(Shown).ToListAsync(cancellationToken);
        return new DonorFile(
            donor, customers, consents, sponsorships, gifts, giftCount, refunds, disputes, statements,
            await EmailsAsync(donorId, cancellationToken), signIns, history);
    }

    private async Task<List<DonorFileEmail>> EmailsAsync(Guid donorId, CancellationToken cancellationToken)
    {
        var mails = await db.OutboundEmails.AsNoTracking().Where(m => m.DonorId == donorId)
            .OrderByDescending(m => m.CreatedAt).Take(ShownSmall)
            .Select(m => new { m.CreatedAt, m.Subject, m.Template, m.SentAt, m.FailedAt, m.LastError })
            .ToListAsync(cancellationToken);
        var updates = await (
            from d in db.UpdateDeliveries.AsNoTracking()
            where d.DonorId == donorId
            join u in db.ImpactUpdates on d.UpdateId equals u.Id
            orderby d.NextAttemptAt descending
            select new { d.NextAttemptAt, u.Title, d.Status, d.SentAt, d.LastError }).Take(ShownSmall).ToListAsync(cancellationToken);
        return
        [
            .. mails.Select(m => new DonorFileEmail(
                m.CreatedAt, m.Subject, m.Template ?? "message", m.SentAt is not null ? "sent" : m.FailedAt is not null ? "failed" : "queued",
                m.SentAt, m.LastError)),
            .. updates.Select(u => new DonorFileEmail(
                u.NextAttemptAt, u.Title, "impact update", u.Status.ToString().ToLowerInvariant(), u.SentAt, u.LastError)),
        ];
    }
}

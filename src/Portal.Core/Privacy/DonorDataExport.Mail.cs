using Microsoft.EntityFrameworkCore;

namespace Portal.Core.Privacy;

public sealed partial class DonorDataExport
{
    private DataSection Emails(Guid donorId) => Section(
        "emails",
        db.OutboundEmails.AsNoTracking().Where(m => m.DonorId == donorId).OrderBy(m => m.CreatedAt),
        m =>
        [
            F("category", m.Category), F("to", m.ToAddress), F("subject", m.Subject), F("createdAt", m.CreatedAt),
            F("state", m.SentAt is not null ? "sent" : m.FailedAt is not null ? "failed" : "queued"), F("sentAt", m.SentAt),
            F("failedAt", m.FailedAt), F("error", m.LastError),
        ]);

    private DataSection UpdateDeliveries(Guid donorId) => Section(
        "update-deliveries",
        from d in db.UpdateDeliveries.AsNoTracking()
        where d.DonorId == donorId
        join u in db.ImpactUpdates on d.UpdateId equals u.Id
        orderby d.Id
        select new { d, u.Title },
        x => [F("update", x.Title), F("to", x.d.ToAddress), F("state", x.d.Status), F("sentAt", x.d.SentAt), F("error", x.d.LastError)]);

    /// <summary>The sign-in links that were used: when one was asked for and when it opened the account.</summary>
    private DataSection SignIns(Guid donorId) => Section(
        "sign-ins",
        db.DonorSignInTokens.AsNoTracking().Where(t => t.DonorId == donorId && t.UsedAt != null).OrderBy(t => t.CreatedAt),
        t => [F("linkSentAt", t.CreatedAt), F("signedInAt", t.UsedAt)]);
}

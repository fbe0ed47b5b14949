using Microsoft.EntityFrameworkCore;

namespace Portal.Core.Privacy;

public sealed partial class DonorDataExport
{
    private DataSection Gifts(Guid donorId) => Section(
        "gifts",
        from c in db.Charges.AsNoTracking()
        join s in db.Sponsorships on c.SponsorshipId equals s.Id
        where s.DonorId == donorId
        orderby c.CreatedAt
        select c,
        c =>
        [
            F("id", c.Id), F("sponsorship", c.SponsorshipId), F("period", c.PeriodStart), F("amountMinor", c.AmountMinor),
            F("currency", c.Currency), F("status", c.Status), F("giftDate", c.GiftDate), F("receiptNumber", c.ReceiptNumber),
            F("refundedMinor", c.AmountRefundedMinor), F("createdAt", c.CreatedAt), F("succeededAt", c.SucceededAt),
            F("failedAt", c.FailedAt), F("declineCode", c.DeclineCode),
        ]);

    private DataSection Receipts(Guid donorId) => Section(
        "receipts",
        from c in db.Charges.AsNoTracking()
        join s in db.Sponsorships on c.SponsorshipId equals s.Id
        where s.DonorId == donorId && c.ReceiptNumber != null
        orderby c.CreatedAt
        select c,
        c => [F("number", c.ReceiptNumber), F("gift", c.Id), F("giftDate", c.GiftDate), F("amountMinor", c.AmountMinor), F("currency", c.Currency)]);

    private DataSection Refunds(Guid donorId) => Section(
        "refunds",
        from r in db.Refunds.AsNoTracking()
        join c in db.Charges on r.ChargeId equals c.Id
        join s in db.Sponsorships on c.SponsorshipId equals s.Id
        where s.DonorId == donorId
        orderby r.CreatedAt
        select r,
        r =>
        [
            F("id", r.Id), F("gift", r.ChargeId), F("amountMinor", r.AmountMinor), F("currency", r.Currency), F("status", r.Status),
            F("reason", r.Reason), F("createdAt", r.CreatedAt), F("succeededAt", r.SucceededAt), F("failedAt", r.FailedAt),
        ]);

    private DataSection RefundRequests(Guid donorId) => Section(
        "refund-requests",
        db.RefundRequests.AsNoTracking().Where(r => r.DonorId == donorId).OrderBy(r => r.Id),
        r =>
        [
            F("id", r.Id), F("gift", r.ChargeId), F("reason", r.Reason), F("status", r.Status), F("decision", r.Decision),
            F("createdAt", r.CreatedAt), F("decidedAt", r.DecidedAt),
        ]);

    private DataSection TaxStatements(Guid donorId) => Section(
        "tax-statements",
        db.TaxStatements.AsNoTracking().Where(t => t.DonorId == donorId).OrderBy(t => t.FiscalYear),
        t =>
        [
            F("number", t.Number), F("fiscalYear", t.FiscalYear), F("from", t.From), F("to", t.To), F("issuedAt", t.IssuedAt),
            F("totals", t.TotalsJson),
        ]);
}

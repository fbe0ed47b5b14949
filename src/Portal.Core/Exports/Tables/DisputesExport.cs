using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Disputes;
using Portal.Core.Shared;

namespace Portal.Core.Exports.Tables;

public sealed record DisputeRow(Dispute Dispute, string? PaymentReference, string? ReceiptNumber, string FundCode);

/// <summary>Chargebacks and bank returns, open ones first by their evidence deadline (/finance/disputes and its CSV).</summary>
public sealed class DisputesExport(PortalDbContext db)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "dispute_id", "payment_reference", "receipt_number", "fund", "amount", "currency", "fee", "fee_currency", "reason", "status", "bank_return",
        "evidence_due_by", "funds_withdrawn_at", "funds_reinstated_at", "closed_at",
    ];

    public ExportTable Table() => new("disputes", Columns, RowsAsync());

    /// <summary>The disputes in the page's order: open before closed, the nearest evidence deadline first, then the newest.</summary>
    public static IQueryable<DisputeRow> Query(PortalDbContext db) =>
        from d in db.Disputes.AsNoTracking()
        join c in db.Charges on d.ChargeId equals c.Id
        join s in db.Sponsorships on c.SponsorshipId equals s.Id
        join f in db.Funds on (c.FundId ?? s.FundId) equals f.Id
        orderby d.ClosedAt != null, d.EvidenceDueBy == null, d.EvidenceDueBy, d.CreatedAt descending
        select new DisputeRow(d, c.PaymentIntentId, c.ReceiptNumber, f.Code);

    private async IAsyncEnumerable<Cell[]> RowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var row = new Cell[Columns.Count];
        await foreach (var r in Query(db).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var d = r.Dispute;
            row[0] = Cell.Of(d.GatewayDisputeId);
            row[1] = Cell.Of(r.PaymentReference);
            row[2] = Cell.Of(r.ReceiptNumber);
            row[3] = Cell.Of(r.FundCode);
            row[4] = Cell.Of(new Money(d.AmountMinor, Currency.Of(d.Currency)));
            row[5] = Cell.Of(d.Currency);
            row[6] = d.FeeCurrency is null ? Cell.Empty : Cell.Of(new Money(d.FeeMinor, Currency.Of(d.FeeCurrency)));
            row[7] = Cell.Of(d.FeeCurrency);
            row[8] = Cell.Of(d.Reason);
            row[9] = Cell.Of(d.Status);
            row[10] = Cell.Of(d.IsBankReturn ? "true" : "false");
            row[11] = Cell.Of(d.EvidenceDueBy);
            row[12] = Cell.Of(d.FundsWithdrawnAt);
            row[13] = Cell.Of(d.FundsReinstatedAt);
            row[14] = Cell.Of(d.ClosedAt);
            yield return row;
        }
    }
}

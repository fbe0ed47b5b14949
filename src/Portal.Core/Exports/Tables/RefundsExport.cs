using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Refunds;
using Portal.Core.Shared;

namespace Portal.Core.Exports.Tables;

public sealed record RefundRow(Refund Refund, string? ReceiptNumber, string? PaymentReference);

/// <summary>Refunds, newest first, with the payment each returned (/finance/refunds and its CSV).</summary>
public sealed class RefundsExport(PortalDbContext db)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "refund_id", "payment_reference", "receipt_number", "amount", "currency", "status", "reason", "requested_by", "created_at", "succeeded_at",
        "failure_reason",
    ];

    public ExportTable Table() => new("refunds", Columns, RowsAsync());

    public static IQueryable<RefundRow> Query(PortalDbContext db) =>
        from r in db.Refunds.AsNoTracking()
        join c in db.Charges on r.ChargeId equals c.Id
        orderby r.CreatedAt descending
        select new RefundRow(r, c.ReceiptNumber, c.PaymentIntentId);

    private async IAsyncEnumerable<Cell[]> RowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var row = new Cell[Columns.Count];
        await foreach (var item in Query(db).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var r = item.Refund;
            row[0] = Cell.Of(r.Id.ToString());
            row[1] = Cell.Of(item.PaymentReference);
            row[2] = Cell.Of(item.ReceiptNumber);
            row[3] = Cell.Of(new Money(r.AmountMinor, Currency.Of(r.Currency)));
            row[4] = Cell.Of(r.Currency);
            row[5] = Cell.Of(r.Status.ToString());
            row[6] = Cell.Of(r.Reason);
            row[7] = Cell.Of(r.RequestedBy);
            row[8] = Cell.Of(r.CreatedAt);
            row[9] = Cell.Of(r.SucceededAt);
            row[10] = Cell.Of(r.FailureReason);
            yield return row;
        }
    }
}

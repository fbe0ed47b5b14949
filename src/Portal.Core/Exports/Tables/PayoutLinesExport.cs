using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Reconciliation;
using Portal.Core.Shared;

namespace Portal.Core.Exports.Tables;

/// <summary>One payout's balance transactions with what each matched (/finance/payouts/{id}?handler=Csv).</summary>
public sealed class PayoutLinesExport(PortalDbContext db)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "balance_transaction", "type", "reporting_category", "source", "amount", "fee", "net", "currency", "exchange_rate", "matched",
        "charge_id", "refund_id", "dispute_id", "difference",
    ];

    public ExportTable Table(Payout payout) => new($"payout-{payout.GatewayPayoutId}", Columns, RowsAsync(payout.Id));

    private async IAsyncEnumerable<Cell[]> RowsAsync(long payoutId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var lines = db.PayoutLines.AsNoTracking().Where(l => l.PayoutId == payoutId).OrderBy(l => l.Id);
        var row = new Cell[Columns.Count];
        await foreach (var l in lines.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var currency = Currency.Of(l.Currency);
            row[0] = Cell.Of(l.BalanceTransactionId);
            row[1] = Cell.Of(l.Type);
            row[2] = Cell.Of(l.ReportingCategory);
            row[3] = Cell.Of(l.SourceId);
            row[4] = Cell.Of(new Money(l.AmountMinor, currency));
            row[5] = Cell.Of(new Money(l.FeeMinor, currency));
            row[6] = Cell.Of(new Money(l.NetMinor, currency));
            row[7] = Cell.Of(l.Currency);
            row[8] = Cell.OfRate(l.ExchangeRate);
            row[9] = Cell.Of(l.Match.ToString());
            row[10] = Cell.Of(l.ChargeId?.ToString());
            row[11] = Cell.Of(l.RefundId?.ToString());
            row[12] = Cell.Of(l.DisputeId?.ToString());
            row[13] = l.DifferenceMinor is { } difference ? Cell.Of(new Money(difference, currency)) : Cell.Empty;
            yield return row;
        }
    }
}

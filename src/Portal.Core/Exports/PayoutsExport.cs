using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Shared;

namespace Portal.Core.Exports;

/// <summary>
/// Payouts by arrival date, with how far each is reconciled. A payout carries many funds' gifts: the fund filter keeps
/// the payouts that settle at least one of the fund's charges, each whole.
/// </summary>
public sealed class PayoutsExport(PortalDbContext db)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "payout_id", "gateway", "arrival_date", "amount", "currency", "status", "failure_code", "line_count", "matched_count", "open_exceptions",
        "created_at",
    ];

    public ExportTable Table(ExportFilter filter) => new($"payouts{filter.FileSuffix()}", Columns, RowsAsync(filter));

    private async IAsyncEnumerable<Cell[]> RowsAsync(ExportFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var payouts = db.Payouts.AsNoTracking();
        if (filter.FundId is { } fundId)
        {
            payouts = payouts.Where(p => (from line in db.PayoutLines
                                          join charge in db.Charges on line.ChargeId equals (Guid?)charge.Id
                                          join sponsorship in db.Sponsorships on charge.SponsorshipId equals sponsorship.Id
                                          where line.PayoutId == p.Id && (charge.FundId ?? sponsorship.FundId) == fundId
                                          select line.Id).Any());
        }

        if (filter.From is { } from)
        {
            payouts = payouts.Where(p => p.ArrivalDate >= from);
        }

        if (filter.To is { } to)
        {
            payouts = payouts.Where(p => p.ArrivalDate <= to);
        }

        var row = new Cell[Columns.Count];
        await foreach (var p in payouts.OrderBy(p => p.ArrivalDate).ThenBy(p => p.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            row[0] = Cell.Of(p.GatewayPayoutId);
            row[1] = Cell.Of(p.Gateway);
            row[2] = Cell.Of(p.ArrivalDate);
            row[3] = Cell.Of(new Money(p.AmountMinor, Currency.Of(p.Currency)));
            row[4] = Cell.Of(p.Currency);
            row[5] = Cell.Of(p.Status.ToString());
            row[6] = Cell.Of(p.FailureCode);
            row[7] = Cell.Of(p.LineCount);
            row[8] = Cell.Of(p.MatchedCount);
            row[9] = Cell.Of(p.OpenExceptionCount);
            row[10] = Cell.Of(p.GatewayCreatedAt);
            yield return row;
        }
    }
}

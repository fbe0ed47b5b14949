using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Reconciliation.Bank;
using Portal.Core.Shared;

namespace Portal.Core.Exports.Tables;

/// <summary>Bank statement lines, newest first, with the payout each matched (/finance/bank and its CSV).</summary>
public sealed class BankLinesExport(PortalDbContext db)
{
    public static readonly IReadOnlyList<string> Columns =
        ["booked_on", "amount", "currency", "status", "payout", "counterparty", "reference", "description", "statement", "line_key"];

    public ExportTable Table(BankLineStatus? status) => new("bank-lines", Columns, RowsAsync(status));

    /// <summary>The lines with <paramref name="status"/> (all when null), newest booking first.</summary>
    public static IQueryable<BankLine> Query(PortalDbContext db, BankLineStatus? status)
    {
        var query = db.BankLines.AsNoTracking();
        if (status is { } only)
        {
            query = query.Where(l => l.Status == only);
        }

        return query.OrderByDescending(l => l.BookedOn).ThenByDescending(l => l.Id);
    }

    private async IAsyncEnumerable<Cell[]> RowsAsync(BankLineStatus? status, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var payouts = await db.Payouts.AsNoTracking().Where(p => p.BankLineId != null)
            .ToDictionaryAsync(p => p.Id, p => p.GatewayPayoutId, cancellationToken);
        var row = new Cell[Columns.Count];
        await foreach (var line in Query(db, status).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            row[0] = Cell.Of(line.BookedOn);
            row[1] = Cell.Of(new Money(line.AmountMinor, Currency.Of(line.Currency)));
            row[2] = Cell.Of(line.Currency);
            row[3] = Cell.Of(line.Status.ToString().ToLowerInvariant());
            row[4] = Cell.Of(line.PayoutId is { } p ? payouts.GetValueOrDefault(p) : null);
            row[5] = Cell.Of(line.Counterparty);
            row[6] = Cell.Of(line.Reference);
            row[7] = Cell.Of(line.Description);
            row[8] = Cell.Of(line.BankStatementId);
            row[9] = Cell.Of(line.LineKey);
            yield return row;
        }
    }
}

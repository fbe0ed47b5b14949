using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Shared;
using Portal.Core.Spending;

namespace Portal.Core.Exports.Tables;

/// <summary>The fund (by slug) and period of spending records to show or export; null is no limit.</summary>
public sealed record SpendingFilter(string? FundSlug, DateOnly? From, DateOnly? To);

/// <summary>
/// Spending records in the import's own layout (<see cref="SpendingBook.Header"/>), so an export can be corrected and
/// imported again (/finance/spending and its CSV).
/// </summary>
public sealed class SpendingExport(PortalDbContext db)
{
    public static readonly IReadOnlyList<string> Columns = SpendingBook.Header.Split(',');

    public ExportTable Table(SpendingFilter filter) => new("spending", Columns, RowsAsync(filter));

    public static IQueryable<SpendingRecord> Query(PortalDbContext db, SpendingFilter filter)
    {
        var query = db.SpendingRecords.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.FundSlug))
        {
            query = query.Where(s => db.Funds.Any(f => f.Id == s.FundId && f.Slug == filter.FundSlug));
        }

        if (filter.From is { } from)
        {
            query = query.Where(s => s.SpentOn >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(s => s.SpentOn <= to);
        }

        return query.OrderByDescending(s => s.SpentOn).ThenByDescending(s => s.CreatedAt);
    }

    private async IAsyncEnumerable<Cell[]> RowsAsync(SpendingFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var funds = await db.Funds.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Code, cancellationToken);
        var row = new Cell[Columns.Count];
        await foreach (var record in Query(db, filter).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            row[0] = Cell.Of(funds[record.FundId]);
            row[1] = Cell.Of(SpendingCategories.Code(record.Category));
            row[2] = Cell.Of(record.SpentOn);
            row[3] = Cell.Of(new Money(record.AmountMinor, Currency.Of(record.Currency)));
            row[4] = Cell.Of(record.Currency);
            row[5] = Cell.Of(record.Description);
            row[6] = Cell.Of(record.Reference);
            yield return row;
        }
    }
}

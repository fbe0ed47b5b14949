using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Shared;

namespace Portal.Core.Exports;

/// <summary>The journal, one row per line, whole entries in entry order; the fund filter takes the entries posted for that fund.</summary>
public sealed class JournalExport(PortalDbContext db)
{
    public static readonly IReadOnlyList<string> Columns =
        ["entry_id", "date", "description", "idempotency_key", "account_code", "account_name", "fund_code", "debit", "credit", "currency"];

    public ExportTable Table(ExportFilter filter) => new($"journal{filter.FileSuffix()}", Columns, RowsAsync(filter));

    private async IAsyncEnumerable<Cell[]> RowsAsync(ExportFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // A handful of funds and currencies: looked up in memory rather than joined to each of a million lines.
        var funds = await db.Funds.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Code, cancellationToken);
        var currencies = new Dictionary<string, Currency>(StringComparer.Ordinal);
        var entries = db.JournalEntries.AsNoTracking();
        if (filter.FundId is { } fundId)
        {
            entries = entries.Where(e => e.FundId == fundId);
        }

        if (filter.From is { } from)
        {
            entries = entries.Where(e => e.Date >= from);
        }

        if (filter.To is { } to)
        {
            entries = entries.Where(e => e.Date <= to);
        }

        var lines = from entry in entries
                    join line in db.JournalLines on entry.Id equals line.JournalEntryId
                    join account in db.Accounts on line.AccountId equals account.Id
                    orderby entry.Id, line.Id
                    select new
                    {
                        EntryId = entry.Id,
                        entry.Date,
                        entry.Description,
                        entry.IdempotencyKey,
                        account.Code,
                        account.Name,
                        account.FundId,
                        line.AmountMinor,
                        line.Currency,
                    };
        var row = new Cell[Columns.Count];
        await foreach (var line in lines.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!currencies.TryGetValue(line.Currency, out var currency))
            {
                currencies[line.Currency] = currency = Currency.Of(line.Currency);
            }

            var amount = new Money(line.AmountMinor, currency);
            row[0] = Cell.Of(line.EntryId);
            row[1] = Cell.Of(line.Date);
            row[2] = Cell.Of(line.Description);
            row[3] = Cell.Of(line.IdempotencyKey);
            row[4] = Cell.Of(line.Code);
            row[5] = Cell.Of(line.Name);
            row[6] = Cell.Of(line.FundId is { } id ? funds.GetValueOrDefault(id) : null);
            row[7] = amount.IsNegative || amount.IsZero ? Cell.Empty : Cell.Of(amount);
            row[8] = amount.IsNegative ? Cell.Of(-amount) : Cell.Empty;
            row[9] = Cell.Of(line.Currency);
            yield return row;
        }
    }
}

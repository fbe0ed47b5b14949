using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Ledger;

namespace Portal.Web.Areas.Finance.Pages;

/// <summary>
/// A page of the journal, newest entry first, filtered by fund and date: entries ordered by (date, id) and found from
/// the key of the page before (indexes on (date, id) and (fund, date, id)), so the thousandth page costs the first's.
/// </summary>
public static class JournalQuery
{
    public static async Task<JournalPage> PageAsync(
        PortalDbContext db,
        Guid? fundId,
        DateOnly? from,
        DateOnly? to,
        JournalKey? before,
        JournalKey? after,
        int size,
        CancellationToken cancellationToken)
    {
        var entries = db.JournalEntries.AsNoTracking();
        if (fundId is { } fund)
        {
            entries = entries.Where(e => e.FundId == fund);
        }

        if (from is { } start)
        {
            entries = entries.Where(e => e.Date >= start);
        }

        if (to is { } end)
        {
            entries = entries.Where(e => e.Date <= end);
        }

        List<JournalKey> keys;
        bool more;
        if (after is { } a)
        {
            keys = await entries.Where(e => e.Date >= a.Date && (e.Date > a.Date || e.Id > a.Id))
                .OrderBy(e => e.Date).ThenBy(e => e.Id).Select(e => new JournalKey(e.Date, e.Id)).Take(size + 1).ToListAsync(cancellationToken);
            more = keys.Count > size;
            keys = keys.Take(size).Reverse().ToList();
        }
        else
        {
            var older = before is { } b ? entries.Where(e => e.Date <= b.Date && (e.Date < b.Date || e.Id < b.Id)) : entries;
            keys = await older.OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).Select(e => new JournalKey(e.Date, e.Id)).Take(size + 1)
                .ToListAsync(cancellationToken);
            more = keys.Count > size;
            keys = keys.Take(size).ToList();
        }

        var ids = keys.Select(k => k.Id).ToList();
        var rows = await (from entry in db.JournalEntries.AsNoTracking()
                          where ids.Contains(entry.Id)
                          join line in db.JournalLines on entry.Id equals line.JournalEntryId
                          join account in db.Accounts on line.AccountId equals account.Id
                          orderby entry.Date descending, entry.Id descending, line.Id
                          select new JournalRow(entry.Id, entry.Date, entry.Description, account.Code, account.Name, line.AmountMinor, line.Currency))
            .ToListAsync(cancellationToken);
        // Newer pages exist when we came from an older one; older ones when this page is full (or we came from a newer one).
        var newer = keys.Count > 0 && (before is not null || (after is not null && more)) ? keys[0] : (JournalKey?)null;
        var olderKey = keys.Count > 0 && (after is not null || more) ? keys[^1] : (JournalKey?)null;
        return new JournalPage(rows, olderKey, newer);
    }
}

public sealed record JournalRow(
    long EntryId,
    DateOnly Date,
    string Description,
    string AccountCode,
    string AccountName,
    long AmountMinor,
    string Currency);

public sealed record JournalPage(List<JournalRow> Rows, JournalKey? Older, JournalKey? Newer);

/// <summary>Where a journal page starts or ends: an entry's date and id, written "2026-03-10.1234".</summary>
public readonly record struct JournalKey(DateOnly Date, long Id)
{
    public override string ToString() => $"{Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{Id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>True for a valid key or none; <paramref name="key"/> is null when there is none.</summary>
    public static bool TryParse(string? text, out JournalKey? key)
    {
        key = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && DateOnly.TryParseExact(text[..dot], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && long.TryParse(text[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            key = new JournalKey(date, id);
            return true;
        }

        return false;
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Ledger;

namespace Portal.Web.Areas.Finance.Pages;

/// <summary>The journal's lines with their entry and account, filtered by fund and date, newest entry first.</summary>
public static class JournalQuery
{
    /// <summary>The entries matching the filters.</summary>
    public static IQueryable<JournalEntry> Entries(PortalDbContext db, Guid? fundId, DateOnly? from, DateOnly? to)
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

        return entries;
    }

    /// <summary>The lines of the given entries with their accounts, newest entry first.</summary>
    public static IQueryable<JournalRow> Rows(PortalDbContext db, IQueryable<JournalEntry> entries) =>
        from entry in entries
        join line in db.JournalLines on entry.Id equals line.JournalEntryId
        join account in db.Accounts on line.AccountId equals account.Id
        orderby entry.Id descending, line.Id
        select new JournalRow(entry.Id, entry.Date, entry.Description, account.Code, account.Name, line.AmountMinor, line.Currency);
}

public sealed record JournalRow(long EntryId, DateOnly Date, string Description, string AccountCode, string AccountName, long AmountMinor, string Currency);

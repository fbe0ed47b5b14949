using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Shared;

namespace Portal.Core.Ledger;

/// <summary>
/// A fund's journal lines up to the end of a period, summed per account in one pass: before the period, in it, and in
/// it on reversing entries. Conditional sums grouped by account let the database walk the account index in order,
/// with no sort of a million rows.
/// </summary>
internal sealed class StatementLines(IReadOnlyList<StatementLines.AccountSum> sums, Currency currency)
{
    public sealed record AccountSum(long AccountId, AccountKind Kind, string Currency, long Before, long InPeriod, long Reversed);

    public static async Task<List<AccountSum>> SumAsync(PortalDbContext db, Guid fundId, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.FundId == fundId).ToListAsync(cancellationToken);
        var sums = await (from line in db.JournalLines
                          join account in db.Accounts on line.AccountId equals account.Id
                          join entry in db.JournalEntries on line.JournalEntryId equals entry.Id
                          where account.FundId == fundId && entry.Date <= last
                          group new { line.AmountMinor, entry.Date, entry.ReversesEntryId } by line.AccountId into g
                          select new
                          {
                              AccountId = g.Key,
                              Before = g.Sum(x => x.Date < first ? x.AmountMinor : 0),
                              InPeriod = g.Sum(x => x.Date >= first && x.ReversesEntryId == null ? x.AmountMinor : 0),
                              Reversed = g.Sum(x => x.Date >= first && x.ReversesEntryId != null ? x.AmountMinor : 0),
                          })
            .ToListAsync(cancellationToken);
        return sums.Join(accounts, s => s.AccountId, a => a.Id, (s, a) => new AccountSum(a.Id, a.Kind, a.Currency, s.Before, s.InPeriod, s.Reversed)).ToList();
    }

    public Money Before() => new(sums.Sum(s => s.Before), currency);

    /// <summary>The period's lines of one kind of account (every kind when null), reversals included unless told.</summary>
    public Money InPeriod(AccountKind? kind = null, bool? reversals = null) => new(
        sums.Where(s => kind is null || s.Kind == kind)
            .Sum(s => reversals switch { true => s.Reversed, false => s.InPeriod, null => s.InPeriod + s.Reversed }),
        currency);
}

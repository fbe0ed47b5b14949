using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Shared;

namespace Portal.Core.Ledger;

/// <summary>
/// Reads <see cref="FundFigures"/> from the ledger's running totals (<see cref="Totals.AccountTotal"/> per account,
/// <see cref="Totals.AccountDayTotal"/> per account and day), never from its lines: the cost depends on the number of
/// funds and of days asked for, not on how many lines the ledger holds.
/// </summary>
public sealed class FundFiguresReader(PortalDbContext db)
{
    /// <summary>Each fund's figures since the books began, per currency it has lines in; every fund when none is named.</summary>
    public async Task<IReadOnlyList<FundFigures>> SinceTheBeginningAsync(IReadOnlyCollection<Guid>? fundIds, CancellationToken cancellationToken)
    {
        var ids = fundIds?.ToList();
        var rows = await (from account in db.Accounts.AsNoTracking()
                          join total in db.AccountTotals on account.Id equals total.AccountId
                          where account.FundId != null && (ids == null || ids.Contains(account.FundId!.Value))
                          select new { FundId = account.FundId!.Value, account.Kind, account.Currency, total.AmountMinor, total.ReversedMinor })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => (r.FundId, r.Currency))
            .Select(
                g => Build(g.Key.FundId, g.Key.Currency, g.Select(r => new AccountSums(r.Kind, 0, r.AmountMinor - r.ReversedMinor, r.ReversedMinor))))
            .OrderBy(f => f.FundId).ThenBy(f => f.Currency.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Figures for the period from <paramref name="from"/> to <paramref name="to"/> (both included), per fund and
    /// currency: the balance before it is the account's total less its days from <paramref name="from"/> on.
    /// </summary>
    public async Task<IReadOnlyList<FundFigures>> ForPeriodAsync(
        IReadOnlyCollection<Guid>? fundIds,
        DateOnly from,
        DateOnly to,
        CancellationToken cancellationToken)
    {
        var ids = fundIds?.ToList();
        var accounts = await (from account in db.Accounts.AsNoTracking()
                              join total in db.AccountTotals on account.Id equals total.AccountId
                              where account.FundId != null && (ids == null || ids.Contains(account.FundId!.Value))
                              select new { account.Id, FundId = account.FundId!.Value, account.Kind, account.Currency, total.AmountMinor })
            .ToListAsync(cancellationToken);
        var accountIds = accounts.Select(a => a.Id).ToList();
        var days = await db.AccountDayTotals.AsNoTracking()
            .Where(d => accountIds.Contains(d.AccountId) && d.Date >= from)
            .GroupBy(d => d.AccountId)
            .Select(g => new
            {
                AccountId = g.Key,
                FromOn = g.Sum(d => d.PostedMinor + d.ReversedMinor),
                Posted = g.Sum(d => d.Date <= to ? d.PostedMinor : 0),
                Reversed = g.Sum(d => d.Date <= to ? d.ReversedMinor : 0),
            })
            .ToDictionaryAsync(d => d.AccountId, cancellationToken);
        return accounts.GroupBy(a => (a.FundId, a.Currency))
            .Select(g => Build(g.Key.FundId, g.Key.Currency, g.Select(a =>
            {
                var day = days.GetValueOrDefault(a.Id);
                return new AccountSums(a.Kind, a.AmountMinor - (day?.FromOn ?? 0), day?.Posted ?? 0, day?.Reversed ?? 0);
            })))
            .OrderBy(f => f.FundId).ThenBy(f => f.Currency.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Each fund's figures per calendar month from <paramref name="firstMonth"/> to the month of <paramref name="to"/>;
    /// months without lines are left out.
    /// </summary>
    public async Task<IReadOnlyList<(DateOnly Month, FundFigures Figures)>> ByMonthAsync(
        DateOnly firstMonth,
        DateOnly to,
        CancellationToken cancellationToken)
    {
        // Summed per day in the database (a few hundred rows a year per account), folded into months here: grouping
        // by a date's month is written differently by every provider.
        var days = await (from account in db.Accounts.AsNoTracking()
                          join day in db.AccountDayTotals on account.Id equals day.AccountId
                          where account.FundId != null && day.Date >= firstMonth && day.Date <= to
                          select new { FundId = account.FundId!.Value, account.Kind, account.Currency, day.Date, day.PostedMinor, day.ReversedMinor })
            .ToListAsync(cancellationToken);
        return days.GroupBy(d => (d.FundId, d.Currency, Month: new DateOnly(d.Date.Year, d.Date.Month, 1)))
            .Select(g => (g.Key.Month, Build(g.Key.FundId, g.Key.Currency,
                g.GroupBy(d => d.Kind).Select(k => new AccountSums(k.Key, 0, k.Sum(d => d.PostedMinor), k.Sum(d => d.ReversedMinor))))))
            .OrderBy(m => m.Item2.FundId).ThenBy(m => m.Item2.Currency.Code, StringComparer.Ordinal).ThenBy(m => m.Month)
            .ToList();
    }

    /// <summary>The figures from each account's sums (debit positive): the fund's money is minus the sum of its lines.</summary>
    private static FundFigures Build(Guid fundId, string code, IEnumerable<AccountSums> accounts)
    {
        var list = accounts.ToList();
        var currency = Currency.Of(code);
        Money Sum(Func<AccountSums, long> part, params AccountKind[] kinds) =>
            new(list.Where(a => kinds.Length == 0 || kinds.Contains(a.Kind)).Sum(part), currency);
        return new FundFigures(
            fundId, currency,
            BalanceBefore: -Sum(a => a.Before),
            OpeningBalances: -Sum(a => a.Posted + a.Reversed, AccountKind.OpeningBalance),
            Gifts: -Sum(a => a.Posted, AccountKind.FundIncome),
            Returned: Sum(a => a.Reversed, AccountKind.FundIncome),
            Refunds: Sum(a => a.Posted + a.Reversed, AccountKind.FundRefunds),
            Disputes: Sum(a => a.Posted + a.Reversed, AccountKind.FundDisputes),
            Fees: Sum(a => a.Posted + a.Reversed, AccountKind.FundFees),
            Spent: Sum(a => a.Posted + a.Reversed, AccountKind.FundSpending));
    }

    /// <summary>An account's lines before the period, in it on ordinary entries, and in it on reversing entries.</summary>
    private sealed record AccountSums(AccountKind Kind, long Before, long Posted, long Reversed);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;

namespace Portal.Core.Ledger;

/// <summary>
/// The only way into the ledger. Adds a balanced entry to the caller's unit of work (the caller saves, so the entry
/// commits together with the business change that caused it). The idempotency key is unique in the database.
/// </summary>
public sealed class Journal(PortalDbContext db, TimeProvider clock, ILogger<Journal> logger)
{
    // The accounts this unit of work has used. Looking them up in the context's local view instead walks every
    // tracked entity, which made a batch of a few hundred gifts quadratic.
    private readonly Dictionary<(AccountKind Kind, Guid? FundId, string Currency), Account> accounts = [];
    private DateOnly? lockDate;
    private bool lockDateRead;

    /// <summary>
    /// Reads, in one query, the accounts of these funds and those of no fund, for postings this unit of work is about to
    /// make: each posting then finds its accounts here, not by a query of its own.
    /// </summary>
    public async Task LoadAccountsAsync(IReadOnlyCollection<Guid> fundIds, CancellationToken cancellationToken)
    {
        foreach (var account in await db.Accounts.Where(a => a.FundId == null || fundIds.Contains(a.FundId.Value)).ToListAsync(cancellationToken))
        {
            accounts.TryAdd((account.Kind, account.FundId, account.Currency), account);
        }
    }

    /// <summary>The last day of the latest closed month, or null when no month is closed.</summary>
    public async Task<DateOnly?> LockDateAsync(CancellationToken cancellationToken)
    {
        if (!lockDateRead)
        {
            var month = await db.ClosedPeriods.OrderByDescending(p => p.Month).Select(p => (DateOnly?)p.Month).FirstOrDefaultAsync(cancellationToken);
            lockDate = month?.AddMonths(1).AddDays(-1);
            lockDateRead = true;
        }

        return lockDate;
    }

    /// <summary>The date itself if its period is open, else the first open day: where a late correction posts.</summary>
    public async Task<DateOnly> OpenDateAsync(DateOnly date, CancellationToken cancellationToken) =>
        await LockDateAsync(cancellationToken) is { } locked && date <= locked ? locked.AddDays(1) : date;

    public async Task<JournalEntry> PostAsync(JournalDraft draft, CancellationToken cancellationToken)
    {
        if (draft.Problem() is { } problem)
        {
            throw new InvalidOperationException($"Refusing to post '{draft.IdempotencyKey}': {problem}");
        }

        if (await LockDateAsync(cancellationToken) is { } locked && draft.Date <= locked)
        {
            // Callers date automatic postings with OpenDateAsync and check staff input first; reaching this is a bug.
            LedgerLog.RefusedClosedPeriod(logger, draft.IdempotencyKey, draft.Date, locked);
            throw new PeriodClosedException(draft.Date, locked);
        }

        var entry = new JournalEntry
        {
            Date = draft.Date,
            Description = draft.Description,
            IdempotencyKey = draft.IdempotencyKey,
            FundId = draft.FundId,
            ChargeId = draft.ChargeId,
            ReversesEntryId = draft.ReversesEntryId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        foreach (var line in draft.Lines)
        {
            var account = await AccountForAsync(line.Account, cancellationToken);
            entry.Lines.Add(new JournalLine { Account = account, AmountMinor = line.Amount.Minor, Currency = line.Amount.Currency.Code });
        }

        db.JournalEntries.Add(entry);
        var moved = draft.Lines.Where(l => l.Amount.Minor > 0).Sum(l => l.Amount.Minor);
        var currency = draft.Lines.Count > 0 ? draft.Lines[0].Amount.Currency.Code : "";
        LedgerLog.Posting(logger, draft.IdempotencyKey, draft.Date, draft.FundId, moved, currency, draft.Description);
        return entry;
    }

    private async Task<Account> AccountForAsync(AccountRef reference, CancellationToken cancellationToken)
    {
        var fundId = reference.Fund?.Id;
        var currency = reference.Currency.Code;
        var kind = reference.Kind;
        if (accounts.TryGetValue((kind, fundId, currency), out var known))
        {
            // A caller that cleared its change tracker between entries (one transaction per item) detached it.
            if (db.Entry(known).State == EntityState.Detached && known.Id != 0)
            {
                db.Accounts.Attach(known);
            }

            if (known.Id != 0 || db.Entry(known).State != EntityState.Detached)
            {
                return known;
            }
        }

        var account = db.Accounts.Local.FirstOrDefault(a => a.Kind == kind && a.FundId == fundId && a.Currency == currency)
            ?? await db.Accounts.FirstOrDefaultAsync(a => a.Kind == kind && a.FundId == fundId && a.Currency == currency, cancellationToken);
        if (account is null)
        {
            account = new Account
            {
                Kind = reference.Kind,
                FundId = fundId,
                Currency = currency,
                Code = ChartOfAccounts.Code(reference),
                Name = ChartOfAccounts.Name(reference),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Accounts.Add(account);
        }

        accounts[(kind, fundId, currency)] = account;
        return account;
    }
}

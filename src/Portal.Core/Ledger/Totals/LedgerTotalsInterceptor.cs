using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Core.Funds;

namespace Portal.Core.Ledger.Totals;

/// <summary>
/// Keeps the totals in the same transaction as what they total. A save that posts journal lines, posts or settles a
/// gift, or starts or stops a sponsorship is captured as it saves (<see cref="TotalsCapture"/>); the captured changes
/// gather per transaction and are written when it commits (<see cref="TotalsCommit"/>), so a rolled-back transaction
/// leaves the totals untouched and the rows every posting shares are locked only for the instant before the commit.
/// A save outside any transaction gets one of its own here, so that it and its totals commit together.
/// </summary>
/// <param name="changes">Told after a commit that changed what the public fund pages show; none in tests and tools.</param>
/// <param name="calendar">The charity's calendar, which dates sponsorships' events; UTC's date without it (tools).</param>
public sealed class LedgerTotalsInterceptor(FundChangeFeed? changes = null, Hosting.CharityCalendar? calendar = null)
    : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbTransaction, object> publicChange = [];
    private readonly ConditionalWeakTable<DbContext, Saving> saving = [];
    private readonly ConditionalWeakTable<DbTransaction, PendingTotals> pending = [];

    /// <summary>
    /// Adds changes made outside the change tracker (a bulk update of charges) to the totals of the context's current
    /// transaction, to be written as it commits.
    /// </summary>
    internal static void AddToTransaction(DbContext context, PendingTotals changes)
    {
        var interceptor = context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?
            .OfType<LedgerTotalsInterceptor>()
            .SingleOrDefault()
            ?? throw new InvalidOperationException("The context does not keep the ledger's totals (DataRegistration.Interceptors).");
        var transaction = context.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Changes to totalled records outside the change tracker need a transaction.");
        interceptor.pending.GetOrCreateValue(transaction).Merge(changes);
    }

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        var context = eventData.Context!;
        var capture = await TotalsCapture.TakeAsync(context, calendar?.Today ?? DateOnly.FromDateTime(DateTime.UtcNow), cancellationToken);
        if (capture is null)
        {
            return result;
        }

        var owned = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
        saving.AddOrUpdate(context, new Saving(capture, owned));
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        var context = eventData.Context!;
        if (!saving.TryGetValue(context, out var state))
        {
            return result;
        }

        saving.Remove(context);
        var transaction = context.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The transaction of a save that changed the ledger ended before the save did.");
        pending.GetOrCreateValue(transaction).Merge(state.Capture.Complete());
        if (state.Owned is { } owned)
        {
            await using (owned)
            {
                await owned.CommitAsync(cancellationToken);
            }
        }

        return result;
    }

    public async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        await EndSavingAsync(eventData.Context, cancellationToken);

    public async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        await EndSavingAsync(eventData.Context, cancellationToken);

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction,
        TransactionEventData eventData,
        InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        if (pending.TryGetValue(transaction, out var totals))
        {
            pending.Remove(transaction);
            if (!totals.IsEmpty)
            {
                await TotalsCommit.WriteAsync(eventData.Context!, totals, cancellationToken);
            }

            if (changes is not null && (totals.FundsChanged || totals.Accounts.Count > 0 || totals.Running.Count > 0))
            {
                publicChange.AddOrUpdate(transaction, transaction);
            }
        }

        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (publicChange.TryGetValue(transaction, out _))
        {
            publicChange.Remove(transaction);
            changes?.Raise();
        }
    }

    public Task TransactionRolledBackAsync(
        DbTransaction transaction,
        TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        pending.Remove(transaction);
        return Task.CompletedTask;
    }

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    // The portal saves asynchronously; a synchronous save still keeps its totals, by waiting on the same work.
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public void SaveChangesFailed(DbContextErrorEventData eventData) => SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();

    public void SaveChangesCanceled(DbContextEventData eventData) => SaveChangesCanceledAsync(eventData).GetAwaiter().GetResult();

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        TransactionCommittingAsync(transaction, eventData, result).AsTask().GetAwaiter().GetResult();

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => pending.Remove(transaction);

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        pending.Remove(transaction);
        publicChange.Remove(transaction);
    }

    private async Task EndSavingAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is null || !saving.TryGetValue(context, out var state))
        {
            return;
        }

        saving.Remove(context);
        if (state.Owned is { } owned)
        {
            await using (owned)
            {
                await owned.RollbackAsync(cancellationToken);
            }
        }
    }

    private sealed record Saving(TotalsCapture Capture, IDbContextTransaction? Owned);
}

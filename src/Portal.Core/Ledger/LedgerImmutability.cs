using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Core.Ledger;

/// <summary>Refuses any save that edits or deletes a posted journal entry or line: corrections are reversals.</summary>
public sealed class LedgerImmutability : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        var changed = context?.ChangeTracker.Entries()
            .FirstOrDefault(entry => entry.Entity is JournalEntry or JournalLine && entry.State is EntityState.Modified or EntityState.Deleted);
        if (changed is not null)
        {
            throw new InvalidOperationException(
                $"Journal entries are never edited or deleted ({changed.Entity.GetType().Name} was {changed.State}); post a reversal instead.");
        }
    }
}

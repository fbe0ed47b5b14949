using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Core.Data;

/// <summary>Bumps <see cref="IVersioned.Version"/> of every modified row as it is saved.</summary>
public sealed class VersionStamp : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Stamp(DbContext? context)
    {
        // Through the change tracker, so the new version is saved also when automatic change detection is off.
        foreach (var entry in context?.ChangeTracker.Entries<IVersioned>().Where(entry => entry.State == EntityState.Modified).ToList() ?? [])
        {
            entry.Property(e => e.Version).CurrentValue++;
        }
    }
}

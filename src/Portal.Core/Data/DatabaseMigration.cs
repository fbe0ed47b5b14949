using Microsoft.EntityFrameworkCore;

namespace Portal.Core.Data;

/// <summary>The <c>migrate</c> command's work: applies the configured provider's pending migrations, whatever MigrateOnStart says.</summary>
public static class DatabaseMigration
{
    /// <returns>The migrations this call applied, oldest first; none when the database was up to date.</returns>
    public static async Task<IReadOnlyList<string>> ApplyAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var before = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet();
        // EF Core takes a database lock for the migration, so two nodes that migrate at once apply each migration once.
        await db.Database.MigrateAsync(cancellationToken);
        return (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Where(id => !before.Contains(id)).ToList();
    }
}

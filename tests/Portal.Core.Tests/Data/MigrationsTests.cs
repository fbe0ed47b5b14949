using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Core.Tests.Data;

/// <summary>Each provider's migrations match the model, and SQL Server's (which has no server here) generate as a script.</summary>
public class MigrationsTests
{
    public static TheoryData<string> Contexts
        => new() { nameof(SqlitePortalDbContext), nameof(SqlServerPortalDbContext), nameof(PostgresPortalDbContext) };

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Every_provider_has_a_migration_for_the_current_model(string context)
    {
        using var db = Create(context);

        Assert.False(
            db.Database.HasPendingModelChanges(),
            $"{context}: the model changed without a migration; run dotnet ef migrations add for every provider.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void SQL_Server_migrations_generate_an_idempotent_script()
    {
        using var db = Create(nameof(SqlServerPortalDbContext));

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Charges]", script, StringComparison.Ordinal);
        Assert.Contains("IX_Charges_SponsorshipId_PeriodStart", script, StringComparison.Ordinal);
        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
    }

    private static PortalDbContext Create(string context) => context switch
    {
        nameof(SqlServerPortalDbContext) => (PortalDbContext)Factory<SqlServerPortalDbContext>("SqlServerDesignTimeFactory").CreateDbContext([]),
        nameof(PostgresPortalDbContext) => Factory<PostgresPortalDbContext>("PostgresDesignTimeFactory").CreateDbContext([]),
        _ => Factory<SqlitePortalDbContext>("SqliteDesignTimeFactory").CreateDbContext([]),
    };

    private static IDesignTimeDbContextFactory<T> Factory<T>(string name)
        where T : DbContext =>
        (IDesignTimeDbContextFactory<T>)Activator.CreateInstance(
            typeof(PortalDbContext).Assembly.GetType($"Portal.Core.Data.{name}", throwOnError: true)!)!;
}

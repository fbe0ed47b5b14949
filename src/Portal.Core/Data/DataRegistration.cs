using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Ledger;

namespace Portal.Core.Data;

public static class DataRegistration
{
    /// <summary>
    /// Registers <see cref="PortalDbContext"/> (scoped) and <see cref="IDbContextFactory{PortalDbContext}"/> on the
    /// configured provider. <paramref name="sqliteFile"/> is the default database file when no connection string is set.
    /// </summary>
    public static IServiceCollection AddPortalData(this IServiceCollection services, DatabaseOptions database, string sqliteFile)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.SqlServer:
                Add<SqlServerPortalDbContext>(services, options => options.UseSqlServer(database.ConnectionString));
                break;
            case DatabaseProvider.PostgreSql:
                Add<PostgresPortalDbContext>(services, options => options.UseNpgsql(database.ConnectionString));
                break;
            default:
                var connection = database.ConnectionString ?? SqliteConnections.ForFile(sqliteFile);
                Add<SqlitePortalDbContext>(services, options => options.UseSqlite(connection));
                break;
        }

        return services;
    }

    private static void Add<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : PortalDbContext
    {
        services.AddDbContextFactory<TContext>(options =>
        {
            configure(options);
            options.AddInterceptors(new LedgerImmutability(), new VersionStamp());
        });
        services.AddScoped<PortalDbContext>(provider => provider.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
        services.AddSingleton<IDbContextFactory<PortalDbContext>>(provider =>
            new PortalDbContextFactory<TContext>(provider.GetRequiredService<IDbContextFactory<TContext>>()));
    }

    private sealed class PortalDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PortalDbContext>
        where TContext : PortalDbContext
    {
        public PortalDbContext CreateDbContext() => inner.CreateDbContext();
    }
}

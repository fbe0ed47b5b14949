using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
                var prepared = PostgresConnections.WithPreparedStatements(database.ConnectionString ?? "");
                Add<PostgresPortalDbContext>(services, options => options.UseNpgsql(prepared));
                break;
            default:
                var connection = database.ConnectionString ?? SqliteConnections.ForFile(sqliteFile);
                Add<SqlitePortalDbContext>(services, options => options.UseSqlite(connection).AddInterceptors(SqliteWriteGate.Instance));
                break;
        }

        return services;
    }

    /// <summary>What every context of the portal saves through, tests' and benchmarks' included.</summary>
    public static IInterceptor[] Interceptors(Funds.FundChangeFeed? changes = null, Hosting.CharityCalendar? calendar = null) =>
        [new LedgerImmutability(), new VersionStamp(), new Ledger.Totals.LedgerTotalsInterceptor(changes, calendar)];

    private static void Add<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : PortalDbContext
    {
        services.AddSingleton<Funds.FundChangeFeed>();
        // Pooled (decision 045): a context handed back at the end of a request keeps its internal services for the next.
        services.AddPooledDbContextFactory<TContext>((provider, options) =>
        {
            configure(options);
            options.AddInterceptors(
                Interceptors(provider.GetRequiredService<Funds.FundChangeFeed>(), provider.GetService<Hosting.CharityCalendar>()));
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

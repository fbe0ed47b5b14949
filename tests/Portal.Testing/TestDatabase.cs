using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Ledger;

namespace Portal.Testing;

/// <summary>A migrated, empty database of one provider, for one test (a temporary SQLite file, or a new PostgreSQL database).</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? sqliteFolder;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteFolder)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.sqliteFolder = sqliteFolder;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        TestDatabase database;
        if (provider == DatabaseProvider.PostgreSql)
        {
            database = new TestDatabase(provider, await PostgresServer.CreateDatabaseAsync(), null);
        }
        else
        {
            var folder = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            database = new TestDatabase(provider, SqliteConnections.ForFile(Path.Combine(folder, "portal.db")), folder);
        }

        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>A new context on this database, configured as the portal configures its own.</summary>
    public PortalDbContext CreateContext() => Provider switch
    {
        DatabaseProvider.PostgreSql => new PostgresPortalDbContext(Configure(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql(ConnectionString)).Options),
        _ => new SqlitePortalDbContext(Configure(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(ConnectionString)).Options),
    };

    public ValueTask DisposeAsync()
    {
        if (sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a pooled connection elsewhere; the temporary folder is cleaned up later.
            }
        }

        return ValueTask.CompletedTask;
    }

    private static DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> builder)
        where T : DbContext =>
        (DbContextOptionsBuilder<T>)builder.AddInterceptors(DataRegistration.Interceptors());
}

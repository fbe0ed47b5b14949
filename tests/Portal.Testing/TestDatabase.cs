using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Ledger;

namespace Portal.Testing;

/// <summary>
/// A migrated, empty database of one provider, for one test: a temporary SQLite file or a new PostgreSQL database, each a
/// copy of a template migrated once per test process (<see cref="MigratedTemplates"/>).
/// </summary>
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
        if (provider == DatabaseProvider.PostgreSql)
        {
            return new TestDatabase(provider, await PostgresServer.CreateMigratedDatabaseAsync(), null);
        }

        var folder = NewSqliteFolder();
        var path = Path.Combine(folder, "portal.db");
        await MigratedTemplates.CopySqliteAsync(path);
        return new TestDatabase(provider, SqliteConnections.ForFile(path), folder);
    }

    /// <summary>
    /// A database with no migration applied (a new SQLite file, a new PostgreSQL database), for a test that migrates it
    /// step by step, with rows of an older schema in between.
    /// </summary>
    public static async Task<TestDatabase> CreateUnmigratedAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            return new TestDatabase(provider, await PostgresServer.CreateDatabaseAsync(), null);
        }

        var folder = NewSqliteFolder();
        return new TestDatabase(provider, SqliteConnections.ForFile(Path.Combine(folder, "portal.db")), folder);
    }

    /// <summary>A database made otherwise (a restored backup), used as a test database; disposing leaves it in place.</summary>
    public static TestDatabase Existing(DatabaseProvider provider, string connectionString) => new(provider, connectionString, null);

    /// <summary>A new context on this database, configured as the portal configures its own.</summary>
    public PortalDbContext CreateContext() => CreateContext(Provider, ConnectionString);

    internal static PortalDbContext CreateContext(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.PostgreSql => new PostgresPortalDbContext(
            Configure(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql(connectionString)).Options),
        _ => new SqlitePortalDbContext(Configure(new DbContextOptionsBuilder<SqlitePortalDbContext>()
            .UseSqlite(connectionString)
            .AddInterceptors(SqliteWriteGate.Instance)).Options),
    };

    public ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            // A test's pool would keep its idle connections for minutes after it; a whole run's of them reached
            // PostgreSQL's max_connections ("too many clients already").
            using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }

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

    private static string NewSqliteFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> builder)
        where T : DbContext =>
        (DbContextOptionsBuilder<T>)builder.AddInterceptors(DataRegistration.Interceptors());
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Core.Data;

namespace Portal.Testing;

/// <summary>
/// One migrated database per provider and test process, from which every test's database is copied: migrating takes
/// seconds, a copy milliseconds. The copies hold exactly what a freshly migrated database holds (the migrations seed
/// no rows; roles and demo data are made later, by the portal's start-up, in each test's own copy).
/// </summary>
internal static class MigratedTemplates
{
    private static readonly Lazy<Task<string>> SqliteTemplate = new(MigrateSqliteTemplateAsync);
    private static readonly Lazy<Task<string>> PostgresTemplate = new(MigratePostgresTemplateAsync);

    // PostgreSQL refuses to copy a template while another session is connected to it, and two copies at once
    // contend on it: the copies are made one at a time.
    private static readonly SemaphoreSlim PostgresCopies = new(1, 1);

    /// <summary>Copies the migrated SQLite template to <paramref name="path"/>.</summary>
    public static async Task CopySqliteAsync(string path) => File.Copy(await SqliteTemplate.Value, path);

    /// <summary>Creates a database named <paramref name="name"/> as a copy of the migrated PostgreSQL template.</summary>
    public static async Task CopyPostgresAsync(string server, string name)
    {
        var template = await PostgresTemplate.Value;
        await PostgresCopies.WaitAsync();
        try
        {
            await PostgresServer.ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            PostgresCopies.Release();
        }
    }

    private static async Task<string> MigrateSqliteTemplateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-tests", $"template-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "portal.db");
        // No pooled connection may keep the file open once it is migrated; the default rollback journal leaves
        // everything in the one file, as a per-test migration did (the portal's start-up turns on WAL in each copy).
        var connection = new SqliteConnectionStringBuilder(SqliteConnections.ForFile(path)) { Pooling = false }.ToString();
        await using (var db = TestDatabase.CreateContext(DatabaseProvider.Sqlite, connection))
        {
            await db.Database.MigrateAsync();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteFolder(folder);
        return path;
    }

    private static async Task<string> MigratePostgresTemplateAsync()
    {
        var server = PostgresServer.ConnectionString!;
        var name = $"portal_template_{Guid.NewGuid():N}";
        await PostgresServer.ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        // Without pooling, the migration's connections are closed when it ends, so the template can be copied.
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ToString();
        await using (var db = TestDatabase.CreateContext(DatabaseProvider.PostgreSql, connection))
        {
            await db.Database.MigrateAsync();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropTemplate(server, name);
        return name;
    }

    private static void DropTemplate(string server, string name)
    {
        try
        {
            PostgresServer.ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The process is ending (perhaps with the throw-away cluster already stopped): a leftover template is harmless.
        }
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temporary folder's own clean-up.
        }
    }
}

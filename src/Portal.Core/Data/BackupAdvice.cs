using Microsoft.Data.SqlClient;
using Npgsql;

namespace Portal.Core.Data;

/// <summary>
/// What the <c>backup</c> command says on a server database, which its own tools back up better than the portal could
/// (README "Backup and restore"). Names the server and database from the connection string, never the password.
/// </summary>
public static class BackupAdvice
{
    public static string For(DatabaseProvider provider, string? connectionString) => provider switch
    {
        DatabaseProvider.PostgreSql => PostgreSql(new NpgsqlConnectionStringBuilder(connectionString)),
        DatabaseProvider.SqlServer => SqlServer(new SqlConnectionStringBuilder(connectionString)),
        _ => "The embedded SQLite database is backed up with: backup <file>",
    };

    private static string PostgreSql(NpgsqlConnectionStringBuilder c) =>
        $"""
        The backup command copies the embedded SQLite database only; this portal runs on PostgreSQL. Back it up with pg_dump:
          pg_dump --format=custom --host={c.Host} --port={c.Port} --username={c.Username} --dbname={c.Database} --file=portal.dump
        and restore into a new, empty database with:
          pg_restore --no-owner --exit-on-error --host={c.Host} --username={c.Username} --dbname=<new database> portal.dump
        """;

    private static string SqlServer(SqlConnectionStringBuilder c) =>
        $"""
        The backup command copies the embedded SQLite database only; this portal runs on SQL Server. Back it up with:
          sqlcmd -S {c.DataSource} -Q "BACKUP DATABASE [{c.InitialCatalog}] TO DISK = N'{c.InitialCatalog}.bak' WITH CHECKSUM, COPY_ONLY"
        and restore with RESTORE DATABASE ... FROM DISK (README "Backup and restore").
        """;
}

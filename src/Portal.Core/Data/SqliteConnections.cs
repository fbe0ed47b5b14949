using Microsoft.Data.Sqlite;

namespace Portal.Core.Data;

public static class SqliteConnections
{
    /// <summary>
    /// A connection string for a database file. The 30 s default timeout is also how long a writer waits for another
    /// writer's lock (SQLite allows one writer at a time) before it fails.
    /// </summary>
    public static string ForFile(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();
}

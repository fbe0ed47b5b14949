using System.Data.Common;
using Npgsql;

namespace Portal.Core.Data;

public static class PostgresConnections
{
    /// <summary>How many statements each pooled connection keeps prepared when the connection string does not say (decision 048).</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// The operator's connection string, with Npgsql's automatic preparation turned on unless it names
    /// <c>Max Auto Prepare</c> itself (0 turns it off): a statement run five times on a connection is prepared there, and
    /// PostgreSQL then neither parses nor plans it again.
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>();
        if (given.Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("maxautoprepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = DefaultMaxAutoPrepare }.ToString();
    }
}

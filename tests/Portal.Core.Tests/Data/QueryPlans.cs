using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Core.Tests.Data;

/// <summary>
/// Keeps the queries EF Core sends to one test's database whose text matches a filter (from its diagnostic events,
/// with their parameters), and asks the database how it would run each: whether a query searches an index or reads a
/// whole table, which a small test database cannot show by its speed. Construct it before the services whose queries
/// it keeps (see <see cref="EfCommandEvents"/>).
/// </summary>
internal sealed class QueryPlans(Func<string, bool> wanted) : EfCommandEvents
{
    private readonly List<(string Text, List<DbParameter> Parameters)> queries = [];

    /// <summary>
    /// Each kept query's plan, one string a query, its steps one a line: SQLite's <c>EXPLAIN QUERY PLAN</c>, or
    /// PostgreSQL's <c>EXPLAIN</c> with sequential scans priced out (on a table of a few rows a scan is cheapest, so the
    /// plan then shows whether an index can serve the query at all).
    /// </summary>
    public async Task<List<string>> PlansAsync(PortalServices services, DatabaseProvider provider)
    {
        List<(string Text, List<DbParameter> Parameters)> kept;
        lock (queries)
        {
            kept = [.. queries];
        }

        var plans = new List<string>();
        await using var db = services.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        if (provider == DatabaseProvider.PostgreSql)
        {
            await using var off = connection.CreateCommand();
            off.CommandText = "SET enable_seqscan = off";
            await off.ExecuteNonQueryAsync();
        }

        foreach (var (text, parameters) in kept)
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = (provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + text;
            explain.Parameters.AddRange(parameters.ToArray());
            await using var reader = await explain.ExecuteReaderAsync();
            var steps = new List<string>();
            while (await reader.ReadAsync())
            {
                // SQLite: id, parent, notused, detail; PostgreSQL: one line of text.
                steps.Add(reader.GetString(reader.FieldCount - 1));
            }

            plans.Add(string.Join('\n', steps));
        }

        return plans;
    }

    protected override void OnEvent(string name, object data, DbConnection connection)
    {
        if (name == RelationalEventId.CommandExecuting.Name && data is CommandEventData { Command: var command } && wanted(command.CommandText))
        {
            lock (queries)
            {
                // Copied now: the command and its parameters are reused once it has run.
                queries.Add((command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(Copy)]));
            }
        }
    }

    private static DbParameter Copy(DbParameter parameter) => parameter switch
    {
        Npgsql.NpgsqlParameter npgsql => npgsql.Clone(),
        _ => new Microsoft.Data.Sqlite.SqliteParameter(parameter.ParameterName, parameter.Value ?? DBNull.Value),
    };
}

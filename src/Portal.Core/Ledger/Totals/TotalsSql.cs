using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Core.Data;

namespace Portal.Core.Ledger.Totals;

/// <summary>
/// Adds to total rows in place, creating the rows that do not exist yet, in one statement per hundred rows: an upsert
/// on SQLite and PostgreSQL, a MERGE holding its range lock on SQL Server. Names and parameter types come from the
/// EF model, so rows are stored exactly as the context would store them.
/// </summary>
internal sealed class TotalsSql(PortalDbContext db)
{
    private const int RowsPerStatement = 100;
    private readonly ISqlGenerationHelper sql = db.GetService<ISqlGenerationHelper>();

    /// <summary>Adds each row's <paramref name="sums"/> to the row with its <paramref name="keys"/>; rows are keys then sums.</summary>
    public async Task AddAsync<T>(
        IReadOnlyList<string> keys,
        IReadOnlyList<string> sums,
        IEnumerable<object[]> rows,
        CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName());
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var text = db.Database.IsSqlServer() ? Merge(table, keys.Select(Column).ToList(), sums.Select(Column).ToList(), chunk.Length)
                : Upsert(table, keys.Select(Column).ToList(), sums.Select(Column).ToList(), chunk.Length);
            await db.Database.ExecuteSqlRawAsync(text, chunk.SelectMany(row => row), cancellationToken);
        }
    }

    public Task InsertEventsAsync(IEnumerable<SponsorshipEvent> events, CancellationToken cancellationToken) =>
        InsertAsync<SponsorshipEvent>(
            [
                nameof(SponsorshipEvent.SponsorshipId), nameof(SponsorshipEvent.FundId), nameof(SponsorshipEvent.Currency),
                nameof(SponsorshipEvent.Date), nameof(SponsorshipEvent.Kind), nameof(SponsorshipEvent.Reason),
                nameof(SponsorshipEvent.Running), nameof(SponsorshipEvent.MonthlyMinor),
            ],
            events.Select(e => new object[] { e.SponsorshipId, e.FundId, e.Currency, e.Date, (int)e.Kind, e.Reason, e.Running, e.MonthlyMinor }),
            cancellationToken);

    /// <summary>Inserts rows (values in <paramref name="columns"/>' order), a hundred per statement.</summary>
    public async Task InsertAsync<T>(IReadOnlyList<string> columns, IEnumerable<object[]> rows, CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var names = columns.Select(c => sql.DelimitIdentifier(entity.FindProperty(c)!.GetColumnName())).ToList();
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var text = new StringBuilder().Append("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", names).Append(") VALUES ");
            Values(text, names.Count, chunk.Length);
            await db.Database.ExecuteSqlRawAsync(text.ToString(), chunk.SelectMany(row => row), cancellationToken);
        }
    }

    /// <summary>Takes a lock per donor until the transaction ends, in the order given (PostgreSQL, SQL Server; SQLite has one writer).</summary>
    public static async Task LockDonorsAsync(PortalDbContext db, IReadOnlyList<Guid> donors, CancellationToken cancellationToken)
    {
        if (donors.Count == 0 || db.Database.IsSqlite())
        {
            return;
        }

        if (db.Database.IsNpgsql())
        {
            var keys = donors.Select(LockKey).Order().ToArray();
            // The subquery sorts, the outer query locks in that order.
            await db.Database.ExecuteSqlRawAsync(
                "SELECT pg_advisory_xact_lock(k) FROM (SELECT unnest({0}::bigint[]) AS k ORDER BY 1) AS d",
                [keys],
                cancellationToken);
            return;
        }

        foreach (var donor in donors.Order())
        {
            await db.Database.ExecuteSqlRawAsync(
                "EXEC sp_getapplock @Resource = {0}, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 30000", ["donor-totals:"
                    + donor.ToString("N")], cancellationToken);
        }
    }

    private static long LockKey(Guid donor) => BitConverter.ToInt64(donor.ToByteArray(), 8);

    private static string Upsert(string table, List<string> keys, List<string> sums, int rows)
    {
        var text = new StringBuilder().Append("INSERT INTO ").Append(table).Append(" AS t (").AppendJoin(", ", keys.Concat(sums)).Append(") VALUES ");
        Values(text, keys.Count + sums.Count, rows);
        text.Append(" ON CONFLICT (").AppendJoin(", ", keys).Append(") DO UPDATE SET ")
            .AppendJoin(", ", sums.Select(c => $"{c} = t.{c} + excluded.{c}"));
        return text.ToString();
    }

    private static string Merge(string table, List<string> keys, List<string> sums, int rows)
    {
        var all = keys.Concat(sums).ToList();
        var text = new StringBuilder().Append("MERGE ").Append(table).Append(" WITH (HOLDLOCK) AS t USING (VALUES ");
        Values(text, all.Count, rows);
        text.Append(") AS s (").AppendJoin(", ", all).Append(") ON ").AppendJoin(" AND ", keys.Select(c => $"t.{c} = s.{c}"))
            .Append(" WHEN MATCHED THEN UPDATE SET ").AppendJoin(", ", sums.Select(c => $"t.{c} = t.{c} + s.{c}"))
            .Append(" WHEN NOT MATCHED THEN INSERT (").AppendJoin(", ", all).Append(") VALUES (").AppendJoin(", ", all
                .Select(c => $"s.{c}")).Append(");");
        return text.ToString();
    }

    private static void Values(StringBuilder text, int columns, int rows)
    {
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (").AppendJoin(", ", Enumerable.Range(row * columns, columns).Select(i => $"{{{i}}}")).Append(')');
        }
    }
}

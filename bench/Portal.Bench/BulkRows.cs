using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Portal.Bench;

/// <summary>
/// Inserts entities of one type bypassing the change tracker: a prepared INSERT on SQLite, a binary COPY on PostgreSQL
/// (one table at a time per connection). Columns, value converters and types come from the portal's EF model, so
/// rows are stored exactly as the portal would store them. Complete before the transaction commits.
/// </summary>
internal sealed class BulkRows<T> : IDisposable
    where T : class
{
    private readonly (IClrPropertyGetter Getter, Func<object, object>? Convert, string StoreType, SqliteParameter? Parameter)[] columns;
    private readonly SqliteCommand? insert;
    private readonly NpgsqlBinaryImporter? copy;

    public BulkRows(DbContext db, DbConnection connection, DbTransaction transaction)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().Where(p => !p.IsShadowProperty()).ToArray();
        var names = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""));
        if (connection is NpgsqlConnection npgsql)
        {
            copy = npgsql.BeginBinaryImport($"COPY \"{table.Name}\" ({names}) FROM STDIN (FORMAT BINARY)");
            // Ten million rows with their indexes and keys take the server minutes to take in.
            copy.Timeout = TimeSpan.FromHours(1);
            columns = properties.Select(p => Column(p, null)).ToArray();
            return;
        }

        insert = ((SqliteConnection)connection).CreateCommand();
        insert.Transaction = (SqliteTransaction)transaction;
        insert.CommandText = $"INSERT INTO \"{table.Name}\" ({names}) VALUES ({string.Join(", ", properties.Select((_, i) => $"$p{i}"))})";
        columns = properties.Select((property, i) =>
        {
            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            var parameter = (SqliteParameter)mapping.CreateParameter(insert, $"$p{i}", null, property.IsNullable);
            insert.Parameters.Add(parameter);
            return Column(property, parameter);
        }).ToArray();
        insert.Prepare();
    }

    public void Add(T row)
    {
        if (copy is not null)
        {
            copy.StartRow();
            foreach (var (getter, convert, storeType, _) in columns)
            {
                var value = getter.GetClrValue(row);
                if (value is null)
                {
                    copy.WriteNull();
                }
                else
                {
                    copy.Write(convert is null ? value : convert(value), storeType);
                }
            }

            return;
        }

        foreach (var (getter, convert, _, parameter) in columns)
        {
            var value = getter.GetClrValue(row);
            parameter!.Value = value is null ? DBNull.Value : convert is null ? value : convert(value);
        }

        insert!.ExecuteNonQuery();
    }

    /// <summary>Ends a COPY (the rows are sent); for SQLite the rows are already in the transaction.</summary>
    public void Complete() => copy?.Complete();

    public void Dispose()
    {
        insert?.Dispose();
        copy?.Dispose();
    }

    private static (IClrPropertyGetter, Func<object, object>?, string, SqliteParameter?) Column(IProperty property, SqliteParameter? parameter)
    {
        var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
        Func<object, object>? convert = mapping.Converter is { } converter ? value => converter.ConvertToProvider(value)! : null;
        // "character varying(3)" and "numeric(24,12)" are written as their base type.
        var storeType = mapping.StoreType.Split('(')[0];
        return (property.GetGetter(), convert, storeType, parameter);
    }
}

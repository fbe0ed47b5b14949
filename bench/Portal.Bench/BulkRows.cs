using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portal.Bench;

/// <summary>
/// Inserts entities of one type with a single prepared INSERT, bypassing the change tracker: a million journal lines in
/// seconds. Columns, value converters and parameter types come from the portal's EF model, so rows are stored exactly
/// as the portal would store them.
/// </summary>
internal sealed class BulkRows<T> : IDisposable
    where T : class
{
    private readonly SqliteCommand command;
    private readonly (IClrPropertyGetter Getter, SqliteParameter Parameter, Func<object, object>? Convert)[] columns;

    public BulkRows(DbContext db, SqliteConnection connection, SqliteTransaction transaction)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().Where(p => !p.IsShadowProperty()).ToArray();
        command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""))}) " +
            $"VALUES ({string.Join(", ", properties.Select((_, i) => $"$p{i}"))})";
        columns = properties.Select((property, i) =>
        {
            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            var parameter = (SqliteParameter)mapping.CreateParameter(command, $"$p{i}", null, property.IsNullable);
            command.Parameters.Add(parameter);
            Func<object, object>? convert = mapping.Converter is { } converter ? value => converter.ConvertToProvider(value)! : null;
            return (property.GetGetter(), parameter, convert);
        }).ToArray();
        command.Prepare();
    }

    public void Add(T row)
    {
        foreach (var (getter, parameter, convert) in columns)
        {
            var value = getter.GetClrValue(row);
            parameter.Value = value is null ? DBNull.Value : convert is null ? value : convert(value);
        }

        command.ExecuteNonQuery();
    }

    public void Dispose() => command.Dispose();
}

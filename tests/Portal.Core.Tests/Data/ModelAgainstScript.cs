using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Core.Tests.Data;

/// <summary>
/// Compares the tables a model maps its entity types to (the relational model EF Core builds from it, as the portal
/// queries and saves through it) with the schema a migration script builds (<see cref="ScriptedSchema"/>).
/// </summary>
internal static class ModelAgainstScript
{
    /// <summary>Every way the script's schema differs from the model's; empty when the script builds what the model says.</summary>
    public static List<string> Differences(IModel model, ScriptedSchema script)
    {
        var differences = new List<string>();
        var relational = model.GetRelationalModel();
        differences.AddRange(model.GetEntityTypes().Where(e => e.GetTableName() is null)
            .Select(e => $"{e.DisplayName()} has no table (this comparison reads tables only)."));
        foreach (var table in relational.Tables)
        {
            if (script.Tables.TryGetValue(table.Name, out var scripted))
            {
                CompareColumns(table, scripted, differences);
                CompareKeys(table, scripted, differences);
                CompareIndexes(table, scripted, differences);
            }
            else
            {
                differences.Add($"[{table.Name}] is not created by the script.");
            }
        }

        differences.AddRange(script.Tables.Keys.Except(relational.Tables.Select(t => t.Name)).Where(name => name != "__EFMigrationsHistory")
            .Select(name => $"[{name}] is created by the script but is not in the model."));
        return differences;
    }

    /// <summary>Each concurrency token of the model: its column's store type in the model and in the script (null when absent).</summary>
    public static List<(string Entity, string Column, string ModelType, string? ScriptType)> ConcurrencyTokens(IModel model, ScriptedSchema script) =>
        (from entityType in model.GetEntityTypes()
         from property in entityType.GetProperties()
         where property.IsConcurrencyToken
         from mapping in property.GetTableColumnMappings()
         let column = mapping.Column
         select (entityType.ClrType.Name, $"{column.Table.Name}.{column.Name}", column.StoreType,
             script.Tables.GetValueOrDefault(column.Table.Name)?.Columns.GetValueOrDefault(column.Name)?.StoreType)).ToList();

    private static void CompareColumns(ITable table, ScriptedTable scripted, List<string> differences)
    {
        foreach (var column in table.Columns)
        {
            var what = $"[{table.Name}].[{column.Name}]";
            var store = StoreObjectIdentifier.Table(table.Name, table.Schema);
            var identity = column.PropertyMappings.Any(m =>
                SqlServerPropertyExtensions.GetValueGenerationStrategy(m.Property, store) == SqlServerValueGenerationStrategy.IdentityColumn);
            if (!scripted.Columns.TryGetValue(column.Name, out var found))
            {
                differences.Add($"{what} ({column.StoreType}) is not in the script.");
            }
            else if (!string.Equals(found.StoreType, column.StoreType, StringComparison.OrdinalIgnoreCase)
                || found.Nullable != column.IsNullable || found.Identity != identity)
            {
                differences.Add($"{what} is {Describe(found.StoreType, found.Nullable, found.Identity)} in the script, "
                    + $"{Describe(column.StoreType, column.IsNullable, identity)} in the model.");
            }
        }

        differences.AddRange(scripted.Columns.Keys.Except(table.Columns.Select(c => c.Name))
            .Select(name => $"[{table.Name}].[{name}] is in the script but not in the model."));
    }

    private static void CompareKeys(ITable table, ScriptedTable scripted, List<string> differences)
    {
        var expected = table.ForeignKeyConstraints.ToDictionary(
            fk => fk.Name,
            fk => new ScriptedConstraint(Columns(fk.Columns), fk.PrincipalTable.Name, Columns(fk.PrincipalColumns), OnDelete(fk.OnDeleteAction)));
        if (table.PrimaryKey is { } key)
        {
            expected[key.Name] = new ScriptedConstraint(Columns(key.Columns), null, null, null);
        }

        Compare($"[{table.Name}]", "key", expected, scripted.Constraints, differences);
    }

    private static void CompareIndexes(ITable table, ScriptedTable scripted, List<string> differences)
    {
        var expected = table.Indexes
            .ToDictionary(index => index.Name, index => new ScriptedIndex(Columns(index.Columns), index.IsUnique, index.Filter));
        Compare($"[{table.Name}]", "index", expected, scripted.Indexes, differences);
    }

    private static void Compare<T>(string table, string what, Dictionary<string, T> model, Dictionary<string, T> script, List<string> differences)
    {
        foreach (var (name, expected) in model)
        {
            if (!script.TryGetValue(name, out var found))
            {
                differences.Add($"{table}: {what} [{name}] {expected} is not in the script.");
            }
            else if (!Equals(found, expected))
            {
                differences.Add($"{table}: {what} [{name}] is {found} in the script, {expected} in the model.");
            }
        }

        differences.AddRange(script.Keys.Except(model.Keys).Select(name => $"{table}: {what} [{name}] is in the script but not in the model."));
    }

    private static string Columns(IEnumerable<IColumn> columns) => string.Join(',', columns.Select(c => c.Name));

    private static string OnDelete(ReferentialAction action) => action switch
    {
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        _ => "NO ACTION",
    };

    private static string Describe(string type, bool nullable, bool identity) =>
        $"{type} {(nullable ? "NULL" : "NOT NULL")}{(identity ? " IDENTITY" : "")}";
}

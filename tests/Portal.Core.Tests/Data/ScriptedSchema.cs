using System.Text.RegularExpressions;

namespace Portal.Core.Tests.Data;

/// <summary>
/// The schema that an EF Core SQL Server migration script builds, read back from its text by replaying its statements
/// in order: tables, their columns (store type, null or not), primary and foreign keys, indexes (unique, filter). A
/// statement it does not know fails the read, so a new kind of migration operation is noticed, never skipped.
/// </summary>
internal sealed partial class ScriptedSchema
{
    public Dictionary<string, ScriptedTable> Tables { get; } = new(StringComparer.Ordinal);

    /// <summary>The migrations the script records in __EFMigrationsHistory.</summary>
    public List<string> Migrations { get; } = [];

    public static ScriptedSchema Read(string script)
    {
        var schema = new ScriptedSchema();
        ScriptedTable? creating = null;
        var lines = script.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1].Trim().TrimStart('\uFEFF');
            try
            {
                if (creating is not null)
                {
                    creating = line == ");" ? null : creating.Define(line.TrimEnd(','));
                }
                else if (line.Length > 0 && !Bookkeeping().IsMatch(line))
                {
                    creating = schema.Apply(Exec().Match(line) is { Success: true } exec ? exec.Groups["sql"].Value.Replace("''", "'") + ";" : line);
                }
            }
            catch (InvalidDataException error)
            {
                throw new InvalidDataException($"Line {number} of the script: {error.Message}", error);
            }
        }

        return schema;
    }

    /// <summary>"[A], [B] DESC" as "A,B DESC": the form both the script and the model are compared in.</summary>
    public static string ColumnList(string columns) =>
        string.Join(
            ',',
            columns.Split(',').Select(c => c.Trim().Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal)));

    /// <returns>The table whose definition the following lines give, when the statement creates one.</returns>
    private ScriptedTable? Apply(string statement)
    {
        if (CreateTable().Match(statement) is { Success: true } create)
        {
            var table = new ScriptedTable(create.Groups["table"].Value);
            if (!Tables.TryAdd(table.Name, table))
            {
                throw new InvalidDataException($"[{table.Name}] is created twice.");
            }

            return table;
        }

        if (CreateIndex().Match(statement) is { Success: true } index)
        {
            var filter = index.Groups["filter"].Success ? index.Groups["filter"].Value : null;
            Table(index).Indexes[index.Groups["name"].Value] =
                new ScriptedIndex(ColumnList(index.Groups["columns"].Value), index.Groups["unique"].Success, filter);
        }
        else if (DropIndex().Match(statement) is { Success: true } drop)
        {
            Remove(Table(drop).Indexes, drop.Groups["name"].Value, "index");
        }
        else if (AlterTable().Match(statement) is { Success: true } alter)
        {
            Table(alter).Alter(alter.Groups["change"].Value);
        }
        else if (DropTable().Match(statement) is { Success: true } dropTable)
        {
            Remove(Tables, dropTable.Groups["table"].Value, "table");
        }
        else if (Rename().Match(statement) is { Success: true } rename)
        {
            Rename(rename.Groups["from"].Value, rename.Groups["to"].Value, rename.Groups["kind"].Value);
        }
        else if (History().Match(statement) is { Success: true } history)
        {
            Migrations.Add(history.Groups["id"].Value);
        }
        else if (DataChange().IsMatch(statement))
        {
            // A migration that carries rows over (a data UPDATE or INSERT ... SELECT) or clears rows changes no table's shape.
        }
        else
        {
            throw new InvalidDataException($"a statement this reader does not know (teach it): {statement}");
        }

        return null;
    }

    private void Rename(string from, string to, string kind)
    {
        var parts = from.Trim('[', ']').Split("].[");
        switch (kind, parts)
        {
            case ("COLUMN", [var table, var column]):
                Table(table).Columns[to] = Remove(Table(table).Columns, column, "column");
                break;
            case ("INDEX", [var table, var index]):
                Table(table).Indexes[to] = Remove(Table(table).Indexes, index, "index");
                break;
            case ("", [var table]):
                var renamed = Remove(Tables, table, "table");
                Tables[to] = renamed.WithName(to);
                break;
            default:
                throw new InvalidDataException($"a rename this reader does not know: {from} to {to} ({kind})");
        }
    }

    private ScriptedTable Table(Match match) => Table(match.Groups["table"].Value);

    private ScriptedTable Table(string name) =>
        Tables.TryGetValue(name, out var table) ? table : throw new InvalidDataException($"[{name}] is changed before it is created.");

    internal static T Remove<T>(Dictionary<string, T> items, string name, string what) =>
        items.Remove(name, out var item) ? item : throw new InvalidDataException($"the {what} [{name}] is dropped or renamed but does not exist.");

    // Lines that keep the script idempotent and record migrations, and the lookup of a column's default constraint
    // before it is altered or dropped (defaults are not compared).
    [GeneratedRegex("""
        ^(GO|BEGIN|END;|BEGIN\ TRANSACTION;|COMMIT;|IF\ NOT\ EXISTS\ \(|\)|SELECT\ \*\ FROM\ \[__EFMigrationsHistory\]
        |WHERE\ \[MigrationId\]\ =\ N'[^']+'|IF\ OBJECT_ID\(N'\[__EFMigrationsHistory\]'\)\ IS\ NULL
        |INSERT\ INTO\ \[__EFMigrationsHistory\]\ \(\[MigrationId\],\ \[ProductVersion\]\)
        |DECLARE\ @var\d*\ nvarchar\(max\);|SELECT\ @var\d*\ =\ QUOTENAME\(\[d\]\.\[name\]\)
        |FROM\ \[sys\]\.\[default_constraints\]\ \[d\]|INNER\ JOIN\ \[sys\]\.\[columns\]\ \[c\]\ ON\ .+
        |WHERE\ \(\[d\]\.\[parent_object_id\]\ =\ OBJECT_ID\(N'\[[^\]]+\]'\)\ AND\ \[c\]\.\[name\]\ =\ N'[^']+'\);
        |IF\ @var\d*\ IS\ NOT\ NULL\ EXEC\(N'ALTER\ TABLE\ \[[^\]]+\]\ DROP\ CONSTRAINT\ '\ \+\ @var\d*\ \+\ ';'\);)$
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Bookkeeping();

    // Statements that would not compile where the script runs (a filtered index) come wrapped in EXEC.
    [GeneratedRegex(@"^EXEC\(N'(?<sql>.+)'\);$")]
    private static partial Regex Exec();

    [GeneratedRegex(@"^CREATE TABLE \[(?<table>[^\]]+)\] \($")]
    private static partial Regex CreateTable();

    [GeneratedRegex(
        @"^CREATE (?<unique>UNIQUE )?INDEX \[(?<name>[^\]]+)\] ON \[(?<table>[^\]]+)\] \((?<columns>[^)]+)\)(?: WHERE (?<filter>.+))?;$")]
    private static partial Regex CreateIndex();

    [GeneratedRegex(@"^DROP INDEX \[(?<name>[^\]]+)\] ON \[(?<table>[^\]]+)\];$")]
    private static partial Regex DropIndex();

    [GeneratedRegex(@"^ALTER TABLE \[(?<table>[^\]]+)\] (?<change>.+);$")]
    private static partial Regex AlterTable();

    [GeneratedRegex(@"^DROP TABLE \[(?<table>[^\]]+)\];$")]
    private static partial Regex DropTable();

    [GeneratedRegex(@"^EXEC sp_rename N'(?<from>[^']+)', N'(?<to>[^']+)'(?:, '(?<kind>COLUMN|INDEX)')?;$")]
    private static partial Regex Rename();

    [GeneratedRegex(@"^(UPDATE|INSERT INTO|DELETE FROM) \[[^\]]+\]( |;?$)")]
    private static partial Regex DataChange();

    [GeneratedRegex(@"^VALUES \(N'(?<id>[^']+)', N'[^']+'\);$")]
    private static partial Regex History();
}

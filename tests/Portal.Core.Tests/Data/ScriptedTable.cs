using System.Text.RegularExpressions;

namespace Portal.Core.Tests.Data;

/// <summary>One table as <see cref="ScriptedSchema"/> replays it: what CREATE TABLE defines and ALTER TABLE changes.</summary>
internal sealed partial class ScriptedTable(string name)
{
    public string Name { get; private set; } = name;

    public Dictionary<string, ScriptedColumn> Columns { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>Primary and foreign keys by constraint name.</summary>
    public Dictionary<string, ScriptedConstraint> Constraints { get; private set; } = new(StringComparer.Ordinal);

    public Dictionary<string, ScriptedIndex> Indexes { get; private set; } = new(StringComparer.Ordinal);

    public ScriptedTable WithName(string newName) =>
        new(newName) { Columns = Columns, Constraints = Constraints, Indexes = Indexes };

    /// <summary>A line inside CREATE TABLE: a column or a constraint.</summary>
    public ScriptedTable Define(string line)
    {
        if (line.StartsWith("CONSTRAINT ", StringComparison.Ordinal))
        {
            AddConstraint(line);
        }
        else
        {
            AddColumn(line);
        }

        return this;
    }

    /// <summary>What follows <c>ALTER TABLE [T]</c>.</summary>
    public void Alter(string change)
    {
        if (change.StartsWith("ADD CONSTRAINT ", StringComparison.Ordinal))
        {
            AddConstraint(change["ADD ".Length..]);
        }
        else if (change.StartsWith("ADD ", StringComparison.Ordinal))
        {
            AddColumn(change["ADD ".Length..]);
        }
        else if (change.StartsWith("ALTER COLUMN ", StringComparison.Ordinal))
        {
            var column = Column(change["ALTER COLUMN ".Length..]);
            ScriptedSchema.Remove(Columns, column.Name, "column");
            Columns[column.Name] = column.Definition;
        }
        else if (DropNamed().Match(change) is { Success: true } drop)
        {
            if (drop.Groups["kind"].Value == "COLUMN")
            {
                ScriptedSchema.Remove(Columns, drop.Groups["name"].Value, "column");
            }
            else
            {
                ScriptedSchema.Remove(Constraints, drop.Groups["name"].Value, "constraint");
            }
        }
        else
        {
            throw new InvalidDataException($"a change of [{Name}] this reader does not know: {change}");
        }
    }

    private void AddColumn(string definition)
    {
        var column = Column(definition);
        if (!Columns.TryAdd(column.Name, column.Definition))
        {
            throw new InvalidDataException($"[{Name}].[{column.Name}] is added twice.");
        }
    }

    private void AddConstraint(string definition)
    {
        var constraint = PrimaryKey().Match(definition) is { Success: true } key
            ? (key.Groups["name"].Value, new ScriptedConstraint(ScriptedSchema.ColumnList(key.Groups["columns"].Value), null, null, null))
            : ForeignKey().Match(definition) is { Success: true } foreign
                ? (foreign.Groups["name"].Value, new ScriptedConstraint(
                    ScriptedSchema.ColumnList(foreign.Groups["columns"].Value),
                    foreign.Groups["principal"].Value,
                    ScriptedSchema.ColumnList(foreign.Groups["principalColumns"].Value),
                    foreign.Groups["delete"].Success ? foreign.Groups["delete"].Value : "NO ACTION"))
                : throw new InvalidDataException($"a constraint of [{Name}] this reader does not know: {definition}");
        if (!Constraints.TryAdd(constraint.Item1, constraint.Item2))
        {
            throw new InvalidDataException($"the constraint [{constraint.Item1}] of [{Name}] is added twice.");
        }
    }

    private (string Name, ScriptedColumn Definition) Column(string definition) =>
        ColumnDefinition().Match(definition) is { Success: true } column
            ? (column.Groups["name"].Value, new ScriptedColumn(
                column.Groups["type"].Value, column.Groups["null"].Value == "NULL", column.Groups["identity"].Success))
            : throw new InvalidDataException($"a column of [{Name}] this reader does not know: {definition}");

    // A default and a collation are read past, not compared: the model's defaults are not what this checks, and the
    // collation the model sets (PortalDbContext.SearchKeysInCodePointOrder) is what DonorSearchTests prove on PostgreSQL.
    [GeneratedRegex(@"^\[(?<name>[^\]]+)\] (?<type>\S+)(?: COLLATE \S+)? (?<null>NOT NULL|NULL)(?<identity> IDENTITY)?(?: DEFAULT .+)?$")]
    private static partial Regex ColumnDefinition();

    [GeneratedRegex(@"^CONSTRAINT \[(?<name>[^\]]+)\] PRIMARY KEY \((?<columns>[^)]+)\)$")]
    private static partial Regex PrimaryKey();

    [GeneratedRegex(
        @"^CONSTRAINT \[(?<name>[^\]]+)\] FOREIGN KEY \((?<columns>[^)]+)\) REFERENCES \[(?<principal>[^\]]+)\] \((?<principalColumns>[^)]+)\)"
        + @"(?: ON DELETE (?<delete>CASCADE|SET NULL|SET DEFAULT|NO ACTION))?$")]
    private static partial Regex ForeignKey();

    [GeneratedRegex(@"^DROP (?<kind>COLUMN|CONSTRAINT) \[(?<name>[^\]]+)\]$")]
    private static partial Regex DropNamed();
}

internal sealed record ScriptedColumn(string StoreType, bool Nullable, bool Identity);

/// <summary>A primary key (no principal) or a foreign key; columns as <see cref="ScriptedSchema.ColumnList"/> writes them.</summary>
internal sealed record ScriptedConstraint(string Columns, string? PrincipalTable, string? PrincipalColumns, string? OnDelete)
{
    public override string ToString() =>
        PrincipalTable is null ? $"({Columns})" : $"({Columns}) references {PrincipalTable} ({PrincipalColumns}) on delete {OnDelete}";
}

internal sealed record ScriptedIndex(string Columns, bool Unique, string? Filter)
{
    public override string ToString() => $"{(Unique ? "unique " : "")}({Columns}){(Filter is null ? "" : $" where {Filter}")}";
}

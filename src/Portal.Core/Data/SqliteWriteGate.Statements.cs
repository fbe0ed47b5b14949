using System.Text.RegularExpressions;

namespace Portal.Core.Data;

/// <summary>Which commands outside a transaction write, and so wait in line.</summary>
public sealed partial class SqliteWriteGate
{
    /// <summary>
    /// Whether a command outside a transaction writes: it begins with INSERT, UPDATE, DELETE or REPLACE (after EF's tag
    /// comments), or is a WITH that does. Anything else is let through without waiting: a write missed here waits on
    /// SQLite's lock as before, while a read made to wait could wait on its own caller's transaction.
    /// </summary>
    internal static bool Writes(string commandText)
    {
        var statement = LeadingComments().Replace(commandText, string.Empty);
        return WriteStatement().IsMatch(statement)
            || (statement.StartsWith("WITH", StringComparison.OrdinalIgnoreCase) && WriteInWith().IsMatch(statement));
    }

    [GeneratedRegex(@"\A(\s*--[^\n]*\n)*\s*", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingComments();

    [GeneratedRegex(@"\A(INSERT|UPDATE|DELETE|REPLACE)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WriteStatement();

    [GeneratedRegex(@"\)\s*(INSERT|UPDATE|DELETE|REPLACE)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WriteInWith();
}

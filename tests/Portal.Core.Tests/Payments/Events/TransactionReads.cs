using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Core.Tests.Data;

namespace Portal.Core.Tests.Payments.Events;

/// <summary>
/// Counts, per database transaction, the queries EF Core sends inside it by the first table they read (from its
/// diagnostic events; only the commands of one test's database, whatever other tests run meanwhile).
/// </summary>
internal sealed partial class TransactionReads : EfCommandEvents
{
    // The transaction each connection is in; by connection, since a pooled context's connection (Npgsql) reuses one
    // transaction object for the transactions that follow each other on it.
    private readonly Dictionary<DbConnection, Dictionary<string, int>> current = new(ReferenceEqualityComparer.Instance);
    private readonly List<Dictionary<string, int>> order = [];

    /// <summary>Each transaction's reads by table, in the order the transactions sent their first query.</summary>
    public List<Dictionary<string, int>> Transactions()
    {
        lock (current)
        {
            return [.. order.Select(t => new Dictionary<string, int>(t, StringComparer.Ordinal))];
        }
    }

    protected override void OnEvent(string name, object data, DbConnection connection)
    {
        if (name == RelationalEventId.TransactionStarted.Name)
        {
            lock (current)
            {
                order.Add(current[connection] = new Dictionary<string, int>(StringComparer.Ordinal));
            }

            return;
        }

        if (name != RelationalEventId.CommandExecuting.Name || data is not CommandEventData { Command: var command }
            || command.Transaction is null || FirstTable().Match(command.CommandText) is not { Success: true } table)
        {
            return;
        }

        lock (current)
        {
            if (!current.TryGetValue(connection, out var tables))
            {
                return;
            }

            // A batched save's INSERTs and UPDATEs name their tables too: only queries count as reads, writes by "+".
            var read = table.Groups[2].Value;
            var key = table.Groups[1].Value.Equals("SELECT", StringComparison.OrdinalIgnoreCase) ? read : $"+{read}";
            tables[key] = tables.GetValueOrDefault(key) + 1;
        }
    }

    // The statement's verb and the first table it names: SELECT ... FROM "Charges", INSERT INTO "JournalEntries", UPDATE "Charges".
    [GeneratedRegex(
        """"^\s*(SELECT|INSERT|UPDATE|DELETE)\b(?:.*?\b(?:FROM|INTO)\s+|\s+)"(\w+)"""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex FirstTable();
}

using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Testing;

namespace Portal.Core.Tests.Payments.Events;

/// <summary>
/// Counts, per database transaction, the queries EF Core sends inside it by the first table they read (from its
/// diagnostic events; only the commands of one test's database, whatever other tests run meanwhile).
/// </summary>
internal sealed partial class TransactionReads : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    // The transaction each connection is in; by connection, since a pooled context's connection (Npgsql) reuses one
    // transaction object for the transactions that follow each other on it.
    private readonly Dictionary<DbConnection, Dictionary<string, int>> current = new(ReferenceEqualityComparer.Instance);
    private readonly List<Dictionary<string, int>> order = [];
    private readonly List<IDisposable> subscriptions = [];
    private readonly IDisposable all;
    private (string Source, string Database)? database;

    /// <summary>
    /// Listens from now on. EF Core asks whether anyone listens at most once a second, so start before the services
    /// whose commands are counted.
    /// </summary>
    public TransactionReads() => all = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>Counts the commands sent to <paramref name="services"/>' database from now on.</summary>
    public async Task WatchAsync(PortalServices services)
    {
        await using var db = services.CreateContext();
        var connection = db.Database.GetDbConnection();
        lock (current)
        {
            database = (connection.DataSource, connection.Database);
        }
    }

    /// <summary>Each transaction's reads by table, in the order the transactions sent their first query.</summary>
    public List<Dictionary<string, int>> Transactions()
    {
        lock (current)
        {
            return [.. order.Select(t => new Dictionary<string, int>(t, StringComparer.Ordinal))];
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.TransactionStarted.Name && value.Value is TransactionEndEventData { Transaction.Connection: { } started })
        {
            lock (current)
            {
                if ((started.DataSource, started.Database) == database)
                {
                    order.Add(current[started] = new Dictionary<string, int>(StringComparer.Ordinal));
                }
            }

            return;
        }

        if (value.Key != RelationalEventId.CommandExecuting.Name || value.Value is not CommandEventData { Command: var command }
            || command.Transaction is null || command.Connection is not { } connection
            || FirstTable().Match(command.CommandText) is not { Success: true } table)
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
            var name = table.Groups[2].Value;
            var key = table.Groups[1].Value.Equals("SELECT", StringComparison.OrdinalIgnoreCase) ? name : $"+{name}";
            tables[key] = tables.GetValueOrDefault(key) + 1;
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        all.Dispose();
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }

    // The statement's verb and the first table it names: SELECT ... FROM "Charges", INSERT INTO "JournalEntries", UPDATE "Charges".
    [GeneratedRegex(
        """"^\s*(SELECT|INSERT|UPDATE|DELETE)\b(?:.*?\b(?:FROM|INTO)\s+|\s+)"(\w+)"""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex FirstTable();
}

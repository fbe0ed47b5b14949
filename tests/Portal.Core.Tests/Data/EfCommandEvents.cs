using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Testing;

namespace Portal.Core.Tests.Data;

/// <summary>
/// Listens to EF Core's diagnostic events from its construction on, and hands a subclass the commands about to run and
/// the transactions begun on one test's database, named by <see cref="WatchAsync"/>, whatever other tests run
/// meanwhile. EF Core asks whether anyone listens at most once a second, so construct it before the services whose
/// commands it sees.
/// </summary>
internal abstract class EfCommandEvents : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> subscriptions = [];
    private readonly IDisposable all;
    private volatile Tuple<string, string>? database;

    protected EfCommandEvents() => all = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>Hands on the events of <paramref name="services"/>' database from now on.</summary>
    public async Task WatchAsync(PortalServices services)
    {
        await using var db = services.CreateContext();
        var connection = db.Database.GetDbConnection();
        database = Tuple.Create(connection.DataSource, connection.Database);
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
        // Only a command about to run and a transaction just begun: a disposed transaction throws when asked its connection.
        var connection = value.Value switch
        {
            CommandEventData command when value.Key == RelationalEventId.CommandExecuting.Name => command.Command.Connection,
            TransactionEventData transaction when value.Key == RelationalEventId.TransactionStarted.Name => transaction.Transaction.Connection,
            _ => null,
        };
        if (connection is not null && database is { } watched
            && (connection.DataSource, connection.Database) == (watched.Item1, watched.Item2))
        {
            OnEvent(value.Key, value.Value!, connection);
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

    /// <summary>An event of the watched database: its name (a <see cref="RelationalEventId"/>'s), data and connection.</summary>
    protected abstract void OnEvent(string name, object data, DbConnection connection);
}

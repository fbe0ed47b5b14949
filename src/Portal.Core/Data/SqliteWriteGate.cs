using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Core.Data;

/// <summary>
/// One writer at a time per SQLite database file in this process, waiting in turn (decision 039). SQLite allows one
/// writer; Microsoft.Data.Sqlite waits for a busy database by sleeping and trying again, so under a peak a short write
/// could wait behind a long one for several sleeps, in no order. Here a writer waits on an async queue instead, and is
/// let in the moment the previous writer ends.
/// <para>
/// The gate is entered where EF Core begins a transaction (SQLite's are <c>BEGIN IMMEDIATE</c>: they hold the write
/// lock from their start) and where an insert, update or delete runs outside a transaction. It is left where the
/// transaction commits, rolls back or fails, where that command ends (for a reader, when the reader closes), where the
/// connection closes, and, since EF has no "transaction disposed" event, at the connection's next command once its
/// transaction is gone. Readers never wait (WAL). A wait is bounded as SQLite's own is: after the connection's default
/// timeout it fails as SQLite would, with "database is locked".
/// </para>
/// Other processes on the same file are not in this queue: SQLite's own lock and busy wait still order them.
/// </summary>
public sealed partial class SqliteWriteGate : DbConnectionInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    private const int SqliteBusy = 5;

    private static readonly TimeSpan StaleCheck = TimeSpan.FromSeconds(1);

    private readonly ConditionalWeakTable<DbConnection, Holder> holders = [];

    /// <summary>The one instance every SQLite context of the process is configured with.</summary>
    public static SqliteWriteGate Instance { get; } = new();

    /// <summary>
    /// Writes <see cref="HeldEvent"/> each time a writer leaves the gate, with a <see cref="SqliteWriterHold"/>, on the
    /// flow that held it (its <see cref="Activity.Current"/> is the holder's), so a listener can tell whose work held
    /// the writer how long: a benchmark's split by request and job. Nothing is written while no one listens.
    /// </summary>
    public static DiagnosticListener Diagnostics { get; } = new(DiagnosticsName);

    /// <summary>
    /// The listener's name. A subscriber to <see cref="DiagnosticListener.AllListeners"/> compares with this constant: it
    /// is told of the listener while the gate's static fields are still being set, so <see cref="Diagnostics"/> is not there yet.
    /// </summary>
    public const string DiagnosticsName = "Portal.SqliteWriteGate";

    public const string HeldEvent = "Held";

    /// <summary>
    /// Holds the gate for a write the portal sends past EF Core (an upsert on a connection of its own); disposing the
    /// result leaves it. A connection that holds it already (its transaction) is let through.
    /// </summary>
    public static async ValueTask<IAsyncDisposable> HoldAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var holder = Instance.holders.GetValue(connection, key => new Holder(key));
        if (holder.Entered)
        {
            return Held.None;
        }

        await Instance.EnterAsync(connection, command: null, async: true, cancellationToken);
        return new Held(holder);
    }

    private async ValueTask BeforeCommandAsync(DbCommand command, CommandEventData eventData, bool async, CancellationToken cancellationToken)
    {
        var connection = command.Connection;
        if (connection is null)
        {
            return;
        }

        var holder = holders.GetValue(connection, key => new Holder(key));
        if (holder.Entered && holder.Command is null && command.Transaction is null && eventData.Context?.Database.CurrentTransaction is null)
        {
            // The transaction that entered was disposed without a commit or a rollback; SQLite has rolled it back.
            Leave(holder);
        }

        if (!holder.Entered && command.Transaction is null && Writes(command.CommandText))
        {
            await EnterAsync(connection, command, async, cancellationToken);
        }
    }

    private async ValueTask EnterAsync(DbConnection connection, DbCommand? command, bool async, CancellationToken cancellationToken)
    {
        var holder = holders.GetValue(connection, key => new Holder(key));
        if (holder.Entered)
        {
            // A transaction begun while its connection's own write runs takes the hold over.
            holder.Command = command is null ? null : holder.Command;
            return;
        }

        var (queue, timeout) = QueueOf(connection.ConnectionString);
        var deadline = DateTime.UtcNow + timeout;
        Interlocked.Increment(ref queue.WaitingCount);
        try
        {
            while (true)
            {
                // Wait in slices: a holder whose transaction ended unseen (disposed on a connection left open) is let go.
                var slice = TimeSpan.FromTicks(Math.Clamp((deadline - DateTime.UtcNow).Ticks, 0, StaleCheck.Ticks));
                var entered = async ? await queue.Gate.WaitAsync(slice, cancellationToken) : queue.Gate.Wait(slice, cancellationToken);
                if (entered)
                {
                    break;
                }

                LetGoIfEnded(queue);
                if (DateTime.UtcNow >= deadline)
                {
                    throw new SqliteException(
                        $"database is locked: this process's other writers held it for {timeout.TotalSeconds:0} s", SqliteBusy);
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref queue.WaitingCount);
        }

        lock (queue)
        {
            queue.Holder = holder;
            queue.EnteredAt = Stopwatch.GetTimestamp();
            if (queue.ReleasedAt != 0)
            {
                queue.HandoffTicks += queue.EnteredAt - queue.ReleasedAt;
                queue.ReleasedAt = 0;
            }

            holder.Queue = queue;
            holder.Command = command;
            holder.TransactionBegun = false;
        }
    }

    private void TransactionBegun(DbConnection connection)
    {
        if (holders.TryGetValue(connection, out var holder) && holder.Entered && holder.Command is null)
        {
            holder.TransactionBegun = true;
        }
    }

    private void LeaveCommand(DbCommand command)
    {
        if (command.Connection is { } connection && holders.TryGetValue(connection, out var holder) && ReferenceEquals(holder.Command, command))
        {
            Leave(holder);
        }
    }

    private void Leave(DbConnection? connection)
    {
        if (connection is not null && holders.TryGetValue(connection, out var holder))
        {
            Leave(holder);
        }
    }

    private static void Leave(Holder holder)
    {
        var queue = holder.Queue;
        if (queue is null)
        {
            return;
        }

        long held;
        lock (queue)
        {
            holder.Queue = null;
            holder.Command = null;
            holder.TransactionBegun = false;
            if (!ReferenceEquals(queue.Holder, holder))
            {
                return;
            }

            queue.Holder = null;
            var now = Stopwatch.GetTimestamp();
            held = now - queue.EnteredAt;
            queue.HeldTicks += held;
            queue.Holds++;
            queue.ReleasedAt = queue.Waiting > 0 ? now : 0;
        }

        queue.Gate.Release();
        if (Diagnostics.IsEnabled(HeldEvent))
        {
            Diagnostics.Write(HeldEvent, new SqliteWriterHold(Stopwatch.GetElapsedTime(0, held)));
        }
    }

    /// <summary>Lets the holder go when its transaction has ended without EF saying so: its connection is closed or back in autocommit.</summary>
    private static void LetGoIfEnded(Queue queue)
    {
        Holder? holder;
        lock (queue)
        {
            holder = queue.Holder;
        }

        if (holder is { TransactionBegun: true, Command: null }
            && (holder.Connection.State != System.Data.ConnectionState.Open
                || (holder.Connection is SqliteConnection { Handle: { } handle } && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0)))
        {
            Leave(holder);
        }
    }

    private static DbConnection? ConnectionOf(DbTransaction transaction, TransactionEventData eventData) =>
        eventData.Context?.Database.GetDbConnection() ?? transaction.Connection;


}

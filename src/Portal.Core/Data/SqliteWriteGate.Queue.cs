using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Portal.Core.Data;

/// <summary>The gate's queue of one database file, its holders, and what it counts.</summary>
public sealed partial class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, Queue> Queues = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, (Queue Queue, TimeSpan Timeout)> ByConnectionString = new(StringComparer.Ordinal);

    /// <summary>How many writers wait for this database file's gate in this process (for tests).</summary>
    public static int Waiting(string connectionString) => QueueOf(connectionString).Queue.Waiting;

    /// <summary>
    /// How long this database file's writer has been held in this process since it started, how many times, and how long
    /// it stood taken but idle between one writer leaving and the next one in line running: what a benchmark divides by
    /// the work done to see the writer's cost of each piece of it (decision 044).
    /// </summary>
    public static SqliteWriterUsage Usage(string connectionString)
    {
        var queue = QueueOf(connectionString).Queue;
        lock (queue)
        {
            return new(Stopwatch.GetElapsedTime(0, queue.HeldTicks), queue.Holds, Stopwatch.GetElapsedTime(0, queue.HandoffTicks));
        }
    }

    /// <summary>The queue of the database file a connection string names (two strings may name one file).</summary>
    private static (Queue Queue, TimeSpan Timeout) QueueOf(string connectionString) => ByConnectionString.GetOrAdd(
        connectionString,
        text =>
        {
            var builder = new SqliteConnectionStringBuilder(text);
            var queue = Queues.GetOrAdd(Path.GetFullPath(builder.DataSource), _ => new Queue());
            return (queue, TimeSpan.FromSeconds(builder.DefaultTimeout));
        });

    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "Reliability", "CA1001", Justification = "A queue lives as long as the process: one per database file.")]
    private sealed class Queue
    {
        public readonly SemaphoreSlim Gate = new(1, 1);

        public int WaitingCount;

        /// <summary>Who is in (guarded by a lock on the queue, as are the figures below).</summary>
        public Holder? Holder { get; set; }

        public long EnteredAt { get; set; }

        /// <summary>The writer's held time in <see cref="Stopwatch"/> ticks, and how many times it was held.</summary>
        public long HeldTicks { get; set; }

        public long Holds { get; set; }

        /// <summary>When the writer was let go with others waiting; 0 when none waited or the next has come in.</summary>
        public long ReleasedAt { get; set; }

        /// <summary>Time between a writer leaving with others waiting and the next one running: the gate is taken, idle.</summary>
        public long HandoffTicks { get; set; }

        public int Waiting => Volatile.Read(ref WaitingCount);
    }

    private sealed class Holder(DbConnection connection)
    {
        public DbConnection Connection { get; } = connection;

        /// <summary>The queue this connection is in, while it is.</summary>
        public Queue? Queue { get; set; }

        public bool Entered => Queue is not null;

        /// <summary>The command that entered outside a transaction; null when a transaction entered.</summary>
        public DbCommand? Command { get; set; }

        public bool TransactionBegun { get; set; }
    }

    private sealed class Held(Holder? holder) : IAsyncDisposable
    {
        public static readonly Held None = new(null);

        public ValueTask DisposeAsync()
        {
            if (holder is not null)
            {
                Leave(holder);
            }

            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>SQLite's writer as its gate counts it: held, how many times, and taken but idle between two holders.</summary>
public readonly record struct SqliteWriterUsage(TimeSpan Held, long Holds, TimeSpan HandedOver);

/// <summary>One hold of SQLite's writer, as <see cref="SqliteWriteGate.Diagnostics"/> reports it when the holder leaves.</summary>
public readonly record struct SqliteWriterHold(TimeSpan Held);

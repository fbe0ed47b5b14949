using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Bench;

/// <summary>
/// Counts the SQL commands EF Core sends (every context of this process, from its diagnostic events), by who sent them
/// and by what they are: the statement and its first table, e.g. <c>INSERT Charges</c> (a command holding several
/// statements, as a batched save does, is named by all of them). Who: the W3C baggage item <c>bench</c> a load client
/// puts on its requests (<c>sponsor</c>, <c>webhook</c>), the bench's own queries (<c>own</c>), the work under the
/// portal's "apply gateway event" and "apply gateway events" activities (<c>apply</c>), and everything else
/// (<c>other</c>: the appliers' claims, Hangfire jobs, sweeps). Committed transactions are counted as <c>COMMIT</c>,
/// as each is a round trip too. A commit of the applying is also split in two: the ledger totals the portal writes as
/// it starts (<c>TotalsCommit</c>, from EF Core's "committing" event to the end of the last command sent on the
/// connection before the commit ends) and the rest, the database's own commit.
/// </summary>
internal sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    public const string Sponsor = "sponsor";
    public const string Webhook = "webhook";
    public const string Apply = "apply";
    public const string Other = "other";
    private const string Own = "own";
    private const string Npgsql = "Npgsql";

    private readonly ConcurrentDictionary<(string Who, string What), long> counts = new();
    private readonly ConcurrentDictionary<(string Who, string What), long> ticks = new();
    private readonly ConcurrentDictionary<string, string> names = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(long Commit, long Totals)> applyCommits = new();
    private readonly ConcurrentDictionary<Guid, Committing> committing = new();
    private readonly ConcurrentDictionary<string, (long Holds, long Ticks)> writerHolds = new(StringComparer.Ordinal);
    private readonly List<IDisposable> subscriptions = [];
    private readonly ActivityListener activities;
    private readonly IDisposable all;

    public SqlCommandCounter()
    {
        // The portal's request activities exist only while something listens: they carry the requests' baggage.
        // Npgsql's own spans (one per command it sends, ADO.NET commands written by hand too) are counted apart, under
        // "WHO/npgsql": EF Core's events miss commands that do not go through EF.
        activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or Npgsql || source.Name == PortalTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Source.Name == Npgsql ? ActivitySamplingResult.AllData : ActivitySamplingResult.PropagationData,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == Npgsql)
                {
                    var text = activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement");
                    var what = text is string sql ? Name(sql) : activity.DisplayName;
                    counts.AddOrUpdate(($"{Who(activity.Parent)}/npgsql", what), 1, (_, count) => count + 1);
                }
            },
        };
        ActivitySource.AddActivityListener(activities);
        all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>Marks the bench's own queries until disposed, so they are not counted as the portal's.</summary>
    public static IDisposable? Ours() => new Activity("bench").AddBaggage("bench", Own).Start();

    /// <summary>The counts so far, by who and what.</summary>
    public Dictionary<(string Who, string What), long> Snapshot() => new(counts);

    /// <summary>
    /// The time the commands took so far, by who and what, in <see cref="TimeSpan"/> ticks, as EF Core measured it: from
    /// sending a command to its result (a query's first row, not reading the rest), a commit's own round trip.
    /// </summary>
    public Dictionary<(string Who, string What), long> Durations() => new(ticks);

    /// <summary>
    /// SQLite's writer so far, by who held it (as for the commands): how many holds and how long, in
    /// <see cref="TimeSpan"/> ticks. The work of Hangfire's jobs (the receipts' sending) and the appliers' claims is "other".
    /// </summary>
    public Dictionary<string, (long Holds, long Ticks)> WriterHolds() => new(writerHolds, StringComparer.Ordinal);

    /// <summary>
    /// Each commit of the applying so far, in the order they ended, in <see cref="TimeSpan"/> ticks: the whole commit as
    /// EF Core timed it, and the part of it that wrote the ledger totals.
    /// </summary>
    public (long Commit, long Totals)[] ApplyCommits() => [.. applyCommits];

    /// <summary>What was counted between two snapshots, for one sender: by statement, most first.</summary>
    public static List<(string What, long Count)> Between(
        Dictionary<(string Who, string What), long> before, Dictionary<(string Who, string What), long> after, string who) =>
        [.. after.Where(a => a.Key.Who == who)
            .Select(a => (a.Key.What, Count: a.Value - before.GetValueOrDefault(a.Key)))
            .Where(a => a.Count > 0)
            .OrderByDescending(a => a.Count)
            .ThenBy(a => a.What, StringComparer.Ordinal)];

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == SqliteWriteGate.DiagnosticsName)
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(new WriterObserver(this), name => name == SqliteWriteGate.HeldEvent));
            }
        }
        else if (value.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(
                    this,
                    name => name == RelationalEventId.CommandExecuted.Name || name == RelationalEventId.TransactionCommitted.Name
                        || name == RelationalEventId.TransactionCommitting.Name));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.TransactionCommitting.Name)
        {
            // Before the portal's interceptor writes the totals: the split of this commit starts here.
            if (value.Value is TransactionEventData starting && Who(Activity.Current) == Apply)
            {
                committing[starting.ConnectionId] = new Committing(Stopwatch.GetTimestamp());
            }

            return;
        }

        var (what, took) = value.Value switch
        {
            CommandExecutedEventData executed => (Name(executed.Command.CommandText), executed.Duration),
            TransactionEndEventData committed => ("COMMIT", committed.Duration),
            _ => ("COMMIT", TimeSpan.Zero),
        };
        var key = (Who(Activity.Current), what);
        counts.AddOrUpdate(key, 1, (_, count) => count + 1);
        ticks.AddOrUpdate(key, took.Ticks, (_, sum) => sum + took.Ticks);
        if (value.Value is CommandExecutedEventData command && committing.TryGetValue(command.ConnectionId, out var open))
        {
            open.LastCommandEnd = Stopwatch.GetTimestamp();
        }

        // A commit's split ends with it, whoever it is counted for.
        var split = value.Value is TransactionEndEventData ended && committing.TryRemove(ended.ConnectionId, out var started) ? started : null;
        if (key is (Apply, "COMMIT"))
        {
            var totals = split is { LastCommandEnd: > 0 } ? Stopwatch.GetElapsedTime(split.Start, split.LastCommandEnd).Ticks : 0;
            applyCommits.Enqueue((took.Ticks, Math.Min(totals, took.Ticks)));
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

        activities.Dispose();
    }

    /// <summary>A commit of the applying under way on one connection: when it started, when its last command ended.</summary>
    private sealed class Committing(long start)
    {
        public long Start { get; } = start;

        public long LastCommandEnd { get; set; }
    }

    private sealed class WriterObserver(SqlCommandCounter counter) : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is SqliteWriterHold hold)
            {
                counter.writerHolds.AddOrUpdate(
                    Who(Activity.Current), (1, hold.Held.Ticks), (_, sum) => (sum.Holds + 1, sum.Ticks + hold.Held.Ticks));
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private static string Who(Activity? activity)
    {
        if (activity?.GetBaggageItem("bench") is { } marked)
        {
            return marked;
        }

        for (; activity is not null; activity = activity.Parent)
        {
            if (activity.OperationName is "apply gateway event" or "apply gateway events")
            {
                return Apply;
            }
        }

        return Other;
    }

    /// <summary>Each statement's verb and first table, e.g. <c>SELECT Donors</c>; repeats of one statement are named once with a count.</summary>
    private string Name(string sql) => names.GetOrAdd(sql, static text =>
    {
        var statements = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Statement)
            .Where(s => s.Length > 0)
            .ToList();
        return string.Join(
            " + ",
            statements.GroupBy(s => s, StringComparer.Ordinal).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} x{g.Count()}"));
    });

    private static string Statement(string text)
    {
        var words = text.Split([' ', '\n', '\r', '\t', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return "";
        }

        var verb = words[0].ToUpperInvariant();
        var after = verb switch
        {
            "INSERT" => "INTO",
            "UPDATE" => "UPDATE",
            _ => "FROM",
        };
        // The first table named: past a FROM of a subquery (FROM (SELECT ...) to the FROM inside it.
        var at = Array.FindIndex(
            words,
            w => w.Equals(after, StringComparison.OrdinalIgnoreCase));
        while (at >= 0 && at + 1 < words.Length && words[at + 1].Equals("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            at = Array.FindIndex(words, at + 1, w => w.Equals(after, StringComparison.OrdinalIgnoreCase));
        }

        var table = at >= 0 && at + 1 < words.Length ? words[at + 1].Trim('"', '[', ']', '`') : "";
        return table.Length == 0 ? verb : $"{verb} {table}";
    }
}

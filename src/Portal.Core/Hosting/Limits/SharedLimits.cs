using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Hosting.Limits;

/// <summary>
/// Limits that hold across every web node (checkouts and sign-ins per IP address): counted in the shared database,
/// one row per key and fixed window, incremented in one statement so two nodes never both take the last permit.
/// Keys are hashed: the table holds no IP address.
/// <para>
/// Attempts counted at about the same time in one process share one statement and one commit (decision 046): at an
/// appeal's peak each sponsor form's count had taken its own turn at SQLite's single writer.
/// </para>
/// </summary>
public sealed class SharedLimits : IDisposable
{
    /// <summary>At most this many counters in one statement (three parameters each).</summary>
    public const int MaxBatch = 64;

    private readonly IDbContextFactory<PortalDbContext> contexts;
    private readonly TimeProvider clock;
    private readonly GroupCommit<(string Key, long WindowStart), int> counts;

    public SharedLimits(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
    {
        this.contexts = contexts;
        this.clock = clock;
        counts = new(MaxBatch, IncrementAsync);
    }

    /// <summary>Windows older than this are deleted by <see cref="PruneAsync"/>; no limit may use a longer window.</summary>
    public static readonly TimeSpan LongestWindow = TimeSpan.FromDays(1);

    /// <summary>Counts one attempt for <paramref name="subject"/> and says whether it is within <paramref name="limit"/>.</summary>
    /// <param name="policy">The limit's name, such as <c>checkout</c>: each policy counts apart.</param>
    public async Task<LimitDecision> TryTakeAsync(string policy, string subject, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        if (window <= TimeSpan.Zero || window > LongestWindow)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, $"A shared limit's window is at most {LongestWindow}.");
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var seconds = (long)window.TotalSeconds;
        var start = now - (now % seconds);
        var count = await counts.CommitAsync((Key(policy, subject), start), cancellationToken);
        return new LimitDecision(count <= limit, count, TimeSpan.FromSeconds(start + seconds - now));
    }

    /// <summary>How many attempts <paramref name="subject"/> has made in the current window, without counting one.</summary>
    public async Task<int> CountAsync(string policy, string subject, TimeSpan window, CancellationToken cancellationToken)
    {
        var start = WindowStart(window);
        var key = Key(policy, subject);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.LimitCounters.Where(c => c.Key == key && c.WindowStart == start).Select(c => c.Count).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// How many attempts each of <paramref name="keys"/> (a policy and a subject) has made in the current window, in one
    /// read: a check of several limits costs one round trip, not one each. A key never counted is 0.
    /// </summary>
    public async Task<IReadOnlyList<int>> CountManyAsync(
        IReadOnlyList<(string Policy, string Subject)> keys, TimeSpan window, CancellationToken cancellationToken)
    {
        var start = WindowStart(window);
        var stored = keys.Select(k => Key(k.Policy, k.Subject)).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.LimitCounters.Where(c => stored.Contains(c.Key) && c.WindowStart == start)
            .ToDictionaryAsync(c => c.Key, c => c.Count, cancellationToken);
        return [.. stored.Select(key => counts.GetValueOrDefault(key))];
    }

    /// <summary>The Unix second the current fixed window of <paramref name="window"/> began.</summary>
    public long WindowStart(TimeSpan window)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        return now - (now % (long)window.TotalSeconds);
    }

    /// <summary>Deletes counters whose window ended long ago; run hourly.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().ToUnixTimeSeconds() - (long)LongestWindow.TotalSeconds;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.LimitCounters.Where(c => c.WindowStart < before).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The stored key: the policy and a hash of the subject (an address is personal data; its count is not).</summary>
    public static string Key(string policy, string subject) =>
        $"{policy}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(subject)), 0, 16)}";

    public void Dispose() => counts.Dispose();

    /// <summary>
    /// Counts every attempt of the batch in one upsert: a counter counted by several attempts is incremented by their
    /// number once, and they get its consecutive counts in the order they came, as if each had been counted alone.
    /// Counters are written in key order, so two nodes' statements lock shared rows in the same order.
    /// </summary>
    private async Task IncrementAsync(IReadOnlyList<GroupCommit<(string Key, long WindowStart), int>.Pending> batch)
    {
        var counters = batch.GroupBy(one => one.Item)
            .OrderBy(g => g.Key.Key, StringComparer.Ordinal).ThenBy(g => g.Key.WindowStart)
            .ToList();
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var rows = counters.Select((c, i) => $"(@k{i}, @w{i}, @n{i})");
        var sql = db.Database.ProviderName switch
        {
            "Microsoft.EntityFrameworkCore.SqlServer" =>
                $"""
                MERGE [LimitCounters] WITH (HOLDLOCK) AS t
                USING (VALUES {string.Join(", ", rows)}) AS s ([Key], [WindowStart], [Count])
                ON t.[Key] = s.[Key] AND t.[WindowStart] = s.[WindowStart]
                WHEN MATCHED THEN UPDATE SET [Count] = t.[Count] + s.[Count]
                WHEN NOT MATCHED THEN INSERT ([Key], [WindowStart], [Count]) VALUES (s.[Key], s.[WindowStart], s.[Count])
                OUTPUT inserted.[Key], inserted.[WindowStart], inserted.[Count];
                """,
            // SQLite (3.35 and later) and PostgreSQL share the upsert with RETURNING.
            _ =>
                $"""
                INSERT INTO "LimitCounters" ("Key", "WindowStart", "Count") VALUES {string.Join(", ", rows)}
                ON CONFLICT ("Key", "WindowStart") DO UPDATE SET "Count" = "LimitCounters"."Count" + excluded."Count"
                RETURNING "Key", "WindowStart", "Count";
                """,
        };
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        var totals = new Dictionary<(string Key, long WindowStart), int>();
        try
        {
            // The upsert goes past EF Core, so on SQLite it takes its turn among the process's writers itself.
            await using var turn = db.Database.IsSqlite() ? await SqliteWriteGate.HoldAsync(connection, CancellationToken.None) : null;
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < counters.Count; i++)
            {
                Add(command, $"@k{i}", counters[i].Key.Key);
                Add(command, $"@w{i}", counters[i].Key.WindowStart);
                Add(command, $"@n{i}", counters[i].Count());
            }

            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
            while (await reader.ReadAsync(CancellationToken.None))
            {
                totals[(reader.GetString(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture))] =
                    Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        foreach (var counter in counters)
        {
            var first = totals[counter.Key] - counter.Count() + 1;
            foreach (var (one, i) in counter.Select((one, i) => (one, i)))
            {
                one.Result.TrySetResult(first + i);
            }
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <summary>The answer of a shared limit: whether this attempt is allowed, how many were counted, and when the window ends.</summary>
public sealed record LimitDecision(bool Allowed, int Count, TimeSpan RetryAfter);

/// <summary>One key's attempts in one fixed window (<see cref="WindowStart"/> in Unix seconds).</summary>
public sealed class LimitCounter
{
    public string Key { get; set; } = "";

    public long WindowStart { get; set; }

    public int Count { get; set; }
}

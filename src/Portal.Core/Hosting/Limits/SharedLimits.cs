using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Hosting.Limits;

/// <summary>
/// Limits that hold across every web node (checkouts and sign-ins per IP address): counted in the shared database,
/// one row per key and fixed window, incremented in one statement so two nodes never both take the last permit.
/// Keys are hashed: the table holds no IP address.
/// </summary>
public sealed class SharedLimits(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
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
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var count = await IncrementAsync(db, Key(policy, subject), start, cancellationToken);
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

    private static async Task<int> IncrementAsync(PortalDbContext db, string key, long windowStart, CancellationToken cancellationToken)
    {
        var sql = db.Database.ProviderName switch
        {
            "Microsoft.EntityFrameworkCore.SqlServer" =>
                """
                MERGE [LimitCounters] WITH (HOLDLOCK) AS t
                USING (SELECT @key AS [Key], @window AS [WindowStart]) AS s
                ON t.[Key] = s.[Key] AND t.[WindowStart] = s.[WindowStart]
                WHEN MATCHED THEN UPDATE SET [Count] = t.[Count] + 1
                WHEN NOT MATCHED THEN INSERT ([Key], [WindowStart], [Count]) VALUES (s.[Key], s.[WindowStart], 1)
                OUTPUT inserted.[Count];
                """,
            // SQLite (3.35 and later) and PostgreSQL share the upsert with RETURNING.
            _ =>
                """
                INSERT INTO "LimitCounters" ("Key", "WindowStart", "Count") VALUES (@key, @window, 1)
                ON CONFLICT ("Key", "WindowStart") DO UPDATE SET "Count" = "LimitCounters"."Count" + 1
                RETURNING "Count";
                """,
        };
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // The upsert goes past EF Core, so on SQLite it takes its turn among the process's writers itself.
            await using var turn = db.Database.IsSqlite() ? await SqliteWriteGate.HoldAsync(connection, cancellationToken) : null;
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Add(command, "@key", key);
            Add(command, "@window", windowStart);
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
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

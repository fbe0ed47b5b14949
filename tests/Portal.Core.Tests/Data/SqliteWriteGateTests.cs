using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Hosting.Limits;
using Portal.Testing;

namespace Portal.Core.Tests.Data;

/// <summary>
/// SQLite's writers of one process take turns on an async queue (decision 039): a writer waits in line instead of
/// sleeping on a busy database, readers never wait, and no way a transaction can end leaves the line stuck.
/// </summary>
public class SqliteWriteGateTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("INSERT INTO \"Donors\" (\"Id\") VALUES (@p0) RETURNING \"Version\";", true)]
    [InlineData("-- Claim events\n-- more\nUPDATE \"PaymentEvents\" SET \"LeaseOwner\" = @owner", true)]
    [InlineData("  delete from \"LimitCounters\" where 0", true)]
    [InlineData("REPLACE INTO t VALUES (1)", true)]
    [InlineData("WITH next AS (SELECT 1) UPDATE \"Charges\" SET \"Status\" = 2", true)]
    [InlineData("SELECT \"UpdatedAt\", \"Deleted\" FROM \"Donors\" WHERE \"Email\" = 'insert into'", false)]
    [InlineData("-- Totals\nSELECT COUNT(*) FROM \"JournalLines\"", false)]
    [InlineData("WITH recent AS (SELECT 1) SELECT * FROM recent", false)]
    [InlineData("PRAGMA journal_mode=WAL;", false)]
    public void A_command_outside_a_transaction_waits_in_line_only_when_it_writes(string sql, bool writes) =>
        Assert.Equal(writes, SqliteWriteGate.Writes(sql));

    [Fact]
    public async Task A_second_writer_waits_in_line_while_readers_go_on_and_it_writes_when_the_first_commits()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var first = database.CreateContext();
        await using var transaction = await first.Database.BeginTransactionAsync();
        first.LimitCounters.Add(new LimitCounter { Key = "first", WindowStart = 1, Count = 1 });
        await first.SaveChangesAsync();

        await using var second = database.CreateContext();
        second.LimitCounters.Add(new LimitCounter { Key = "second", WindowStart = 1, Count = 1 });
        var secondSave = second.SaveChangesAsync();
        await WaitUntilAsync(() => SqliteWriteGate.Waiting(database.ConnectionString) == 1, "the second writer waits in line");
        var update = UpdateOutsideATransactionAsync(database);
        await WaitUntilAsync(() => SqliteWriteGate.Waiting(database.ConnectionString) == 2, "a write outside a transaction waits too");

        // A reader is not in the line: it reads what was committed, at once.
        await using (var reader = database.CreateContext())
        {
            Assert.Equal(0, await reader.LimitCounters.CountAsync().WaitAsync(Soon));
        }

        Assert.False(secondSave.IsCompleted, "The second writer wrote while the first held its transaction.");
        await transaction.CommitAsync();
        Assert.Equal(1, await secondSave.WaitAsync(Soon));
        Assert.Equal(2, await update.WaitAsync(Soon));
        Assert.Equal(0, SqliteWriteGate.Waiting(database.ConnectionString));
        await using var check = database.CreateContext();
        var rows = await check.LimitCounters.OrderBy(c => c.Key).ToListAsync();
        Assert.Equal(new[] { ("first", 2), ("second", 2) }, rows.Select(c => (c.Key, c.Count)));
    }

    [Fact]
    public async Task The_writer_usage_counts_each_hold_and_how_long_it_was_held()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var before = SqliteWriteGate.Usage(database.ConnectionString);
        await using (var context = database.CreateContext())
        {
            await HoldTheWriterAsync(context, TimeSpan.FromMilliseconds(200));
        }

        // A read does not hold the writer.
        await using (var reader = database.CreateContext())
        {
            Assert.Equal(1, await reader.LimitCounters.CountAsync());
        }

        var after = SqliteWriteGate.Usage(database.ConnectionString);
        Assert.Equal(1, after.Holds - before.Holds);
        Assert.InRange(after.Held - before.Held, TimeSpan.FromMilliseconds(190), Soon);
        // No one waited, so the writer was never handed over.
        Assert.Equal(before.HandedOver, after.HandedOver);
    }

    [Fact]
    public async Task Each_hold_is_reported_on_the_flow_that_held_the_writer_with_how_long_it_held_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var ours = new Activity("holds the writer").Start();
        var seen = new ConcurrentQueue<TimeSpan>();
        using var listening = SqliteWriteGate.Diagnostics.Subscribe(new HoldObserver(hold =>
        {
            // Other tests write to files of their own at the same time: only this flow's holds are this test's.
            if (Activity.Current == ours)
            {
                seen.Enqueue(hold.Held);
            }
        }));
        var before = SqliteWriteGate.Usage(database.ConnectionString);

        await using (var context = database.CreateContext())
        {
            await HoldTheWriterAsync(context, TimeSpan.FromMilliseconds(200));
            // A write outside a transaction holds the writer too; a read does not.
            Assert.Equal(1, await context.LimitCounters.Where(c => c.Key == "held").ExecuteUpdateAsync(set => set.SetProperty(c => c.Count, 2)));
            Assert.Equal(2, await context.LimitCounters.Select(c => c.Count).SingleAsync());
        }

        var holds = seen.ToArray();
        Assert.Equal(2, holds.Length);
        Assert.Equal(2, SqliteWriteGate.Usage(database.ConnectionString).Holds - before.Holds);
        Assert.InRange(holds[0], TimeSpan.FromMilliseconds(190), Soon);
        Assert.True(holds[1] > TimeSpan.Zero, $"The update's hold was reported as {holds[1]}.");
    }

    [Fact]
    public async Task The_writer_counts_the_time_it_is_taken_between_a_writer_leaving_and_the_next_one_in_line_starting()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var first = database.CreateContext();
        var transaction = await first.Database.BeginTransactionAsync();
        await using var second = database.CreateContext();
        second.LimitCounters.Add(new LimitCounter { Key = "second", WindowStart = 1, Count = 1 });
        var secondSave = second.SaveChangesAsync();
        await WaitUntilAsync(() => SqliteWriteGate.Waiting(database.ConnectionString) == 1, "the second writer waits in line");
        var before = SqliteWriteGate.Usage(database.ConnectionString).HandedOver;

        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        Assert.Equal(1, await secondSave.WaitAsync(Soon));

        Assert.True(SqliteWriteGate.Usage(database.ConnectionString).HandedOver > before, "The handover to the waiting writer was not counted.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_transaction_disposed_without_a_commit_lets_the_next_writer_in(bool connectionOpenedByHand)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var first = database.CreateContext();
        if (connectionOpenedByHand)
        {
            // The connection stays open when the transaction goes: EF reports neither its end nor the connection's.
            await first.Database.OpenConnectionAsync();
        }

        await using (var transaction = await first.Database.BeginTransactionAsync())
        {
            first.LimitCounters.Add(new LimitCounter { Key = "abandoned", WindowStart = 1, Count = 1 });
            await first.SaveChangesAsync();
        }

        await using var second = database.CreateContext();
        second.LimitCounters.Add(new LimitCounter { Key = "next", WindowStart = 1, Count = 1 });
        Assert.Equal(1, await second.SaveChangesAsync().WaitAsync(Soon));
        Assert.Equal(["next"], await second.LimitCounters.Select(c => c.Key).ToListAsync());
    }

    [Fact]
    public async Task A_writer_that_waits_longer_than_the_timeout_fails_as_a_busy_database_and_leaves_the_line()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var first = database.CreateContext();
        await using var transaction = await first.Database.BeginTransactionAsync();
        var impatient = new SqliteConnectionStringBuilder(database.ConnectionString) { DefaultTimeout = 1 }.ToString();
        await using var second = TestDatabase.Existing(DatabaseProvider.Sqlite, impatient).CreateContext();
        second.LimitCounters.Add(new LimitCounter { Key = "late", WindowStart = 1, Count = 1 });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync().WaitAsync(Soon));

        Assert.Equal(5, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode);
        Assert.Equal(0, SqliteWriteGate.Waiting(database.ConnectionString));
        await transaction.RollbackAsync();
        second.ChangeTracker.Clear();
        second.LimitCounters.Add(new LimitCounter { Key = "later", WindowStart = 1, Count = 1 });
        Assert.Equal(1, await second.SaveChangesAsync().WaitAsync(Soon));
    }

    [Fact]
    public async Task Many_writers_at_once_sync_and_async_and_the_shared_limits_upsert_all_write_once_without_a_busy_error()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        const int Writers = 12;
        const int Each = 15;

        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < Each; i++)
            {
                await using var db = database.CreateContext();
                var key = $"writer-{writer}-{i}";
                if (writer % 3 == 0)
                {
                    using var transaction = db.Database.BeginTransaction();
                    db.LimitCounters.Add(new LimitCounter { Key = key, WindowStart = 1, Count = 1 });
                    db.SaveChanges();
                    transaction.Commit();
                }
                else if (writer % 3 == 1)
                {
                    db.LimitCounters.Add(new LimitCounter { Key = key, WindowStart = 1, Count = 1 });
                    await db.SaveChangesAsync();
                }
                else
                {
                    await services.Get<SharedLimits>().TryTakeAsync("gate", "198.51.100.7", 1000, TimeSpan.FromHours(1), CancellationToken.None);
                }
            }
        }));
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(2));

        await using var check = database.CreateContext();
        Assert.Equal(Writers / 3 * 2 * Each, await check.LimitCounters.CountAsync(c => c.Key.StartsWith("writer-")));
        Assert.Equal(Writers / 3 * Each, await check.LimitCounters.Where(c => c.Key.StartsWith("gate:")).SumAsync(c => c.Count));
        Assert.Equal(0, SqliteWriteGate.Waiting(database.ConnectionString));
    }

    private static async Task<int> UpdateOutsideATransactionAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.LimitCounters.ExecuteUpdateAsync(set => set.SetProperty(c => c.Count, c => c.Count + 1));
    }

    /// <summary>Writes the counter "held" in a transaction that stays open for <paramref name="hold"/> before it commits.</summary>
    private static async Task HoldTheWriterAsync(PortalDbContext context, TimeSpan hold)
    {
        await using var transaction = await context.Database.BeginTransactionAsync();
        context.LimitCounters.Add(new LimitCounter { Key = "held", WindowStart = 1, Count = 1 });
        await context.SaveChangesAsync();
        await Task.Delay(hold);
        await transaction.CommitAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Soon;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not so after {Soon.TotalSeconds} s: {what}.");
            await Task.Delay(20);
        }
    }

    private sealed class HoldObserver(Action<SqliteWriterHold> held) : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == SqliteWriteGate.HeldEvent && value.Value is SqliteWriterHold hold)
            {
                held(hold);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}

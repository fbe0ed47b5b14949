using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Hosting.Limits;
using Portal.Testing;

namespace Portal.Core.Tests.Shared;

/// <summary>A per-IP limit counted in the shared database holds across nodes, also when they race for the last permit.</summary>
public class SharedLimitsTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Two_nodes_racing_share_one_count_and_never_give_out_more_than_the_limit(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = PortalServices.Create(database);
        await using var second = PortalServices.Create(database);
        second.Clock.SetUtcNow(first.Clock.GetUtcNow());

        // 40 attempts from one address, 20 on each node, all at once, against a limit of 25.
        var attempts = Enumerable.Range(0, 40)
            .Select(i => (i % 2 == 0 ? first : second).Get<SharedLimits>()
                .TryTakeAsync("checkout", "203.0.113.9", 25, TimeSpan.FromHours(1), CancellationToken.None))
            .ToList();
        var decisions = await Task.WhenAll(attempts);

        Assert.Equal(25, decisions.Count(d => d.Allowed));
        Assert.Equal(Enumerable.Range(1, 40), decisions.Select(d => d.Count).Order());
        await using var db = first.CreateContext();
        var counter = await db.LimitCounters.SingleAsync();
        Assert.Equal(40, counter.Count);
        Assert.DoesNotContain("203.0.113.9", counter.Key, StringComparison.Ordinal);
        Assert.StartsWith("checkout:", counter.Key, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Addresses_and_policies_count_apart_and_a_new_window_starts_afresh(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var portal = PortalServices.Create(database);
        var limits = portal.Get<SharedLimits>();
        portal.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 12, 59, 0, TimeSpan.Zero));
        var hour = TimeSpan.FromHours(1);

        Assert.True((await limits.TryTakeAsync("checkout", "198.51.100.1", 1, hour, CancellationToken.None)).Allowed);
        var refused = await limits.TryTakeAsync("checkout", "198.51.100.1", 1, hour, CancellationToken.None);
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromMinutes(1), refused.RetryAfter);
        Assert.True((await limits.TryTakeAsync("checkout", "198.51.100.2", 1, hour, CancellationToken.None)).Allowed);
        Assert.True((await limits.TryTakeAsync("sign-in", "198.51.100.1", 1, hour, CancellationToken.None)).Allowed);

        portal.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await limits.TryTakeAsync("checkout", "198.51.100.1", 1, hour, CancellationToken.None)).Allowed);

        // A day after the last window ended, the pruning job deletes the old windows and keeps the current one.
        portal.Clock.Advance(TimeSpan.FromHours(25));
        Assert.True((await limits.TryTakeAsync("checkout", "198.51.100.1", 1, hour, CancellationToken.None)).Allowed);
        Assert.Equal(4, await limits.PruneAsync(CancellationToken.None));
        await using var db = portal.CreateContext();
        Assert.Equal(1, await db.LimitCounters.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Several_counts_read_at_once_are_each_keys_own_in_the_asked_order_and_0_for_a_key_never_counted(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var portal = PortalServices.Create(database);
        var limits = portal.Get<SharedLimits>();
        var hour = TimeSpan.FromHours(1);
        // Last hour's count is not this hour's.
        portal.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 12, 15, 0, TimeSpan.Zero));
        await limits.TryTakeAsync("checkout-stopped", "browser-1", 100, hour, CancellationToken.None);
        portal.Clock.Advance(TimeSpan.FromMinutes(45));
        for (var i = 0; i < 3; i++)
        {
            await limits.TryTakeAsync("declines-fund", "fund-a", 100, hour, CancellationToken.None);
        }

        await limits.TryTakeAsync("declines-session", "browser-1", 100, hour, CancellationToken.None);
        await limits.TryTakeAsync("declines-session", "fund-a", 100, hour, CancellationToken.None);

        var counts = await limits.CountManyAsync(
            [("checkout-stopped", "browser-1"), ("declines-fund", "fund-a"), ("declines-session", "browser-1"), ("declines-fund", "fund-b")],
            hour,
            CancellationToken.None);

        Assert.Equal([0, 3, 1, 0], counts);
        Assert.Equal(
            counts,
            [
                await limits.CountAsync("checkout-stopped", "browser-1", hour, CancellationToken.None),
                await limits.CountAsync("declines-fund", "fund-a", hour, CancellationToken.None),
                await limits.CountAsync("declines-session", "browser-1", hour, CancellationToken.None),
                await limits.CountAsync("declines-fund", "fund-b", hour, CancellationToken.None),
            ]);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Two_nodes_counting_several_addresses_at_once_give_each_address_its_own_consecutive_counts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = PortalServices.Create(database);
        await using var second = PortalServices.Create(database);
        second.Clock.SetUtcNow(first.Clock.GetUtcNow());
        string[] addresses = ["198.51.100.7", "198.51.100.3", "203.0.113.5", "192.0.2.44"];

        // 20 attempts from each of four addresses, alternating between the nodes, all at once, against a limit of 15.
        var attempts = Enumerable.Range(0, 80)
            .Select(i => Task.Run(async () => (Address: addresses[i % 4], Decision: await (i % 2 == 0 ? first : second)
                .Get<SharedLimits>().TryTakeAsync("checkout", addresses[i % 4], 15, TimeSpan.FromHours(1), CancellationToken.None))))
            .ToList();
        var decisions = await Task.WhenAll(attempts).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.All(decisions.GroupBy(d => d.Address), byAddress =>
        {
            Assert.Equal(Enumerable.Range(1, 20), byAddress.Select(d => d.Decision.Count).Order());
            Assert.Equal(15, byAddress.Count(d => d.Decision.Allowed));
            Assert.All(byAddress, d => Assert.Equal(d.Decision.Count <= 15, d.Decision.Allowed));
        });
        await using var db = first.CreateContext();
        Assert.Equal([20, 20, 20, 20], await db.LimitCounters.Select(c => c.Count).ToListAsync());
    }

    [Fact]
    public async Task Attempts_that_arrive_while_the_writer_is_busy_are_counted_in_one_commit_as_if_each_were_counted_alone()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var portal = PortalServices.Create(database);
        var limits = portal.Get<SharedLimits>();
        var before = SqliteWriteGate.Usage(database.ConnectionString);
        await using var busy = database.CreateContext();
        var transaction = await busy.Database.BeginTransactionAsync();

        // The first attempt waits for the writer; the next 29 arrive while it waits.
        var attempts = Enumerable.Range(0, 30)
            .Select(i => (Address: $"198.51.100.{i % 3}", Decision: limits.TryTakeAsync(
                "checkout", $"198.51.100.{i % 3}", 7, TimeSpan.FromHours(1), CancellationToken.None)))
            .ToList();
        await Eventually.TrueAsync(() => SqliteWriteGate.Waiting(database.ConnectionString) == 1, "the first attempt waits for the writer");

        Assert.All(attempts, a => Assert.False(a.Decision.IsCompleted));
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        await Task.WhenAll(attempts.Select(a => a.Decision)).WaitAsync(TimeSpan.FromMinutes(1));

        // The test's transaction, the first attempt alone, then the 29 others together: three holds of the writer.
        Assert.Equal(3, SqliteWriteGate.Usage(database.ConnectionString).Holds - before.Holds);
        Assert.All(attempts.GroupBy(a => a.Address), byAddress =>
        {
            Assert.Equal(Enumerable.Range(1, 10), byAddress.Select(a => a.Decision.Result.Count));
            Assert.Equal(Enumerable.Range(1, 10).Select(count => count <= 7), byAddress.Select(a => a.Decision.Result.Allowed));
        });
    }
}

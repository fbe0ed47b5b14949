using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Hosting.Limits;
using Portal.Testing;

namespace Portal.Core.Tests.Data;

/// <summary>
/// The portal's contexts come from a pool (decision 045): a request hands its context back when it ends, and the next
/// one gets it with nothing of the last use left: no tracked rows, no transaction, the settings a job changed put back.
/// </summary>
public sealed class PooledContextsTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_request_gets_a_used_context_back_with_nothing_of_its_last_use(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);

        var (first, defaultTimeout) = await services.InScopeAsync(async scope =>
        {
            var db = scope.GetRequiredService<PortalDbContext>();
            var timeout = db.Database.GetCommandTimeout();
            // What a job changes for its own work, and what a request that fails halfway leaves behind.
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            await db.Database.BeginTransactionAsync();
            db.LimitCounters.Add(new LimitCounter { Key = "left behind", WindowStart = 1, Count = 1 });
            await db.SaveChangesAsync();
            db.LimitCounters.Add(new LimitCounter { Key = "never saved", WindowStart = 1, Count = 1 });
            return (db.ContextId, timeout);
        });

        var second = await services.InScopeAsync(async scope =>
        {
            var db = scope.GetRequiredService<PortalDbContext>();
            Assert.Empty(db.ChangeTracker.Entries());
            Assert.Null(db.Database.CurrentTransaction);
            Assert.Equal(defaultTimeout, db.Database.GetCommandTimeout());
            Assert.True(db.ChangeTracker.AutoDetectChangesEnabled);
            Assert.Equal(QueryTrackingBehavior.TrackAll, db.ChangeTracker.QueryTrackingBehavior);
            // The first request's transaction was rolled back when its context went back to the pool.
            Assert.Equal(0, await db.LimitCounters.CountAsync());
            db.LimitCounters.Add(new LimitCounter { Key = "saved", WindowStart = 1, Count = 1 });
            await db.SaveChangesAsync();
            return db.ContextId;
        });

        // The same context, leased again: the pool is on.
        Assert.Equal(first.InstanceId, second.InstanceId);
        Assert.True(second.Lease > first.Lease, $"lease {second.Lease} after {first.Lease}");
        await using var check = services.CreateContext();
        Assert.Equal(["saved"], await check.LimitCounters.Select(c => c.Key).ToListAsync());
    }
}

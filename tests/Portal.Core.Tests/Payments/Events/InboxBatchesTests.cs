using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Payments.Events;
using Portal.Core.Tests.Data;
using Portal.Testing;

namespace Portal.Core.Tests.Payments.Events;

/// <summary>
/// Events delivered at the same moment are stored together (a group commit), each exactly once: repeated deliveries,
/// in one batch or across two nodes racing for the same events, are answered with the one stored row.
/// </summary>
public class InboxBatchesTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_burst_with_repeated_deliveries_on_two_nodes_stores_each_event_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = PortalServices.Create(database);
        await using var second = PortalServices.Create(database);
        const int Events = 150;

        // Every event delivered three times: twice to the first node, once to the second, all at once.
        var deliveries = Enumerable.Range(0, Events)
            .SelectMany(i => new[] { (first, i), (second, i), (first, i) })
            .Select(d => Task.Run(() => RecordAsync(d.Item1, $"evt_burst_{d.i:000}")))
            .ToList();
        var answers = await Task.WhenAll(deliveries).WaitAsync(TimeSpan.FromMinutes(1));

        await using var db = first.CreateContext();
        var rows = await db.GatewayEvents.AsNoTracking().ToDictionaryAsync(e => e.EventId, e => e.Id);
        Assert.Equal(Events, rows.Count);
        var byEvent = answers.GroupBy(a => a.EventId).ToList();
        Assert.Equal(Events, byEvent.Count);
        Assert.All(byEvent, delivered =>
        {
            Assert.Equal(1, delivered.Count(a => a.Stored));
            Assert.All(delivered, a => Assert.Equal(rows[delivered.Key], a.Id));
        });
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task An_event_stored_earlier_is_answered_with_its_row_and_a_lone_delivery_is_stored_at_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);

        var stored = await RecordAsync(services, "evt_lone");
        var again = await RecordAsync(services, "evt_lone");

        Assert.True(stored.Stored);
        Assert.False(again.Stored);
        Assert.Equal(stored.Id, again.Id);
        await using var db = services.CreateContext();
        var row = await db.GatewayEvents.AsNoTracking().SingleAsync();
        Assert.Equal((stored.Id, "evt_lone", GatewayEventStatus.Pending), (row.Id, row.EventId, row.Status));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_delivery_looks_for_its_event_in_the_unique_index_never_through_the_stored_history(DatabaseProvider provider)
    {
        using var plans = new QueryPlans(text => text.TrimStart().StartsWith("SELECT", StringComparison.Ordinal)
            && text.Contains("FROM \"GatewayEvents\"", StringComparison.Ordinal));
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        // The inbox's history: events delivered and applied long ago, which the database's statistics then know of.
        await using (var db = services.CreateContext())
        {
            var longAgo = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            db.GatewayEvents.AddRange(Enumerable.Range(0, 3000).Select(i => new GatewayEvent
            {
                Gateway = "stripe",
                EventId = $"evt_history_{i:0000}",
                Type = "customer.created",
                Payload = "{}",
                ReceivedAt = longAgo,
                NextAttemptAt = longAgo,
                Status = GatewayEventStatus.Applied,
            }));
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.PostgreSql ? "ANALYZE \"GatewayEvents\"" : "ANALYZE");
        }

        await plans.WatchAsync(services);

        // A burst (stored together, one lookup a batch), then a repeated delivery.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => RecordAsync(services, $"evt_plan_{i:00}"))));
        Assert.False((await RecordAsync(services, "evt_plan_00")).Stored);

        // Each lookup is a search of the index on (Gateway, EventId) by both columns: the inbox keeps every event ever
        // delivered, and PostgreSQL looked for the id alone through the whole index (5.9 ms a batch at 12,000 events).
        var found = await plans.PlansAsync(services, provider);
        Assert.NotEmpty(found);
        Assert.All(found, plan =>
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                const string Search = @"SEARCH .*USING (COVERING )?INDEX IX_GatewayEvents_Gateway_EventId \(Gateway=\? AND EventId=\?\)";
                Assert.True(Regex.IsMatch(plan, Search), plan);
                Assert.False(plan.Contains("SCAN", StringComparison.Ordinal), plan);
            }
            else
            {
                Assert.True(Regex.IsMatch(plan, @"Index Cond: .*""Gateway"".*""EventId"""), plan);
                Assert.False(plan.Contains("Filter:", StringComparison.Ordinal), plan);
            }
        });
    }

    private static async Task<(string EventId, long Id, bool Stored)> RecordAsync(PortalServices services, string eventId)
    {
        var (id, stored) = await services.InScopeAsync(scope => scope.GetRequiredService<EventInbox>()
            .RecordAsync("stripe", eventId, "customer.created", "{}", null, CancellationToken.None));
        return (eventId, id, stored);
    }
}

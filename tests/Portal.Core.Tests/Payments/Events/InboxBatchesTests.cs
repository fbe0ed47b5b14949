using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Payments.Events;
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

    private static async Task<(string EventId, long Id, bool Stored)> RecordAsync(PortalServices services, string eventId)
    {
        var (id, stored) = await services.InScopeAsync(scope => scope.GetRequiredService<EventInbox>()
            .RecordAsync("stripe", eventId, "customer.created", "{}", null, CancellationToken.None));
        return (eventId, id, stored);
    }
}

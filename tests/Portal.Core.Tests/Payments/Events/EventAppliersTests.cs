using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Receipts;
using Portal.Core.Data;
using Portal.Core.Payments.Events;
using Portal.Core.Sponsorships;
using Portal.Core.Tests.Data;
using Portal.Testing;

namespace Portal.Core.Tests.Payments.Events;

/// <summary>
/// The appliers (decision 035): they claim stored events with a lease and apply each exactly once, however many run
/// at once; a dead applier's events wait for its lease and are then taken; events of one payment go in order.
/// </summary>
public class EventAppliersTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Four_appliers_over_hundreds_of_stored_events_apply_each_exactly_once(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var gifts = await GiftsAsync(services, 100);
        var events = await MoneyPath.EventsAsync(services);
        Assert.Equal(200, events.Count);
        Assert.All(events, e => Assert.StartsWith("pi_", e.OrderKey, StringComparison.Ordinal));

        var applier = services.Get<ApplyGatewayEvents>();
        var applied = new ConcurrentBag<long>();
        applier.AfterEach = (_, id) => applied.Add(id);
        var counts = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => Task.Run(() => DrainAsync(services, applier, $"applier-{i}", 7))));

        Assert.Equal(events.Count, counts.Sum());
        Assert.Equal(events.Select(e => e.Id).Order(), applied.Order());
        await AssertEachPaidOnceAsync(services, gifts);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task An_applier_killed_between_events_of_a_batch_leaves_the_rest_leased_until_the_lease_expires(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider, settings: OneEventPerTransaction);
        var services = seeded.Services;
        var gifts = await GiftsAsync(services, 10);
        var applier = services.Get<ApplyGatewayEvents>();
        var done = 0;
        applier.AfterEach = (owner, _) =>
        {
            if (owner == "doomed" && ++done == 3)
            {
                throw new InvalidOperationException("The process was killed.");
            }
        };

        await Assert.ThrowsAsync<InvalidOperationException>(() => applier.ApplyBatchAsync("doomed", 100, CancellationToken.None));

        var events = await MoneyPath.EventsAsync(services);
        Assert.Equal(3, events.Count(e => e.Status == GatewayEventStatus.Applied && e.LeaseOwner is null));
        var held = events.Where(e => e.Status == GatewayEventStatus.Pending).ToList();
        Assert.Equal(17, held.Count);
        Assert.All(held, e => Assert.Equal("doomed", e.LeaseOwner));

        // Before the lease ends nobody takes them: not another applier, not the sweep.
        services.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new EventBatch(0, 0, 0), await applier.ApplyBatchAsync("second", 100, CancellationToken.None));
        Assert.Equal(0, await MoneyPath.ApplyAllAsync(services));
        Assert.Equal(17, (await MoneyPath.EventsAsync(services)).Count(e => e.Status == GatewayEventStatus.Pending));

        services.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(new EventBatch(17, 17, 0), await applier.ApplyBatchAsync("second", 100, CancellationToken.None));

        Assert.All(await MoneyPath.EventsAsync(services), e =>
        {
            Assert.Equal(GatewayEventStatus.Applied, e.Status);
            Assert.Null(e.LeaseOwner);
            Assert.Null(e.LeaseExpiresAt);
        });
        await AssertEachPaidOnceAsync(services, gifts);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_long_batch_renews_its_leases_together_so_nobody_takes_the_events_it_has_not_reached(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider, settings: OneEventPerTransaction);
        var services = seeded.Services;
        var gifts = await GiftsAsync(services, 5);
        var applier = services.Get<ApplyGatewayEvents>();
        var others = new List<EventBatch>();
        var done = 0;
        applier.AfterEach = (owner, _) =>
        {
            // A minute per event: past the first lease's two minutes by the third event.
            if (owner == "slow" && ++done <= 3)
            {
                services.Clock.Advance(TimeSpan.FromMinutes(1));
                others.Add(applier.ApplyBatchAsync("other", 100, CancellationToken.None).GetAwaiter().GetResult());
            }
        };

        Assert.Equal(new EventBatch(10, 10, 0), await applier.ApplyBatchAsync("slow", 100, CancellationToken.None));

        Assert.Equal(3, others.Count);
        Assert.All(others, batch => Assert.Equal(new EventBatch(0, 0, 0), batch));
        Assert.All(await MoneyPath.EventsAsync(services), e => Assert.Null(e.LeaseOwner));
        await AssertEachPaidOnceAsync(services, gifts);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_batch_that_stalled_past_its_lease_skips_the_events_another_applier_took(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider, settings: OneEventPerTransaction);
        var services = seeded.Services;
        var gifts = await GiftsAsync(services, 5);
        var applier = services.Get<ApplyGatewayEvents>();
        EventBatch? other = null;
        applier.AfterEach = (owner, _) =>
        {
            if (owner == "stalled" && other is null)
            {
                // The process stalls past the lease after its first event; another applier takes the rest.
                services.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
                other = applier.ApplyBatchAsync("other", 100, CancellationToken.None).GetAwaiter().GetResult();
            }
        };

        Assert.Equal(new EventBatch(10, 1, 0), await applier.ApplyBatchAsync("stalled", 100, CancellationToken.None));

        Assert.Equal(new EventBatch(9, 9, 0), other);
        Assert.All(await MoneyPath.EventsAsync(services), e => Assert.Null(e.LeaseOwner));
        await AssertEachPaidOnceAsync(services, gifts);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_later_event_of_a_payment_waits_while_another_applier_holds_an_earlier_one(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var gifts = await GiftsAsync(services, 1);
        var (first, second) = await MoneyPath.EventsAsync(services) is [var a, var b] ? (a, b) : throw new InvalidOperationException();
        Assert.Equal(first.OrderKey, second.OrderKey);
        var applier = services.Get<ApplyGatewayEvents>();

        // Applier A claims the payment's first event (and holds it, as while applying it).
        var now = services.Clock.GetUtcNow().UtcDateTime;
        await using (var db = services.CreateContext())
        {
            Assert.Equal([first.Id], await EventClaims.ClaimAsync(db, "A", 1, now, now.AddMinutes(2), CancellationToken.None));
        }

        // Applier B claims the second and gives it back unapplied: the first is not done.
        Assert.Equal(new EventBatch(1, 0, 1), await applier.ApplyBatchAsync("B", 100, CancellationToken.None));
        var waiting = (await MoneyPath.EventsAsync(services)).Single(e => e.Id == second.Id);
        Assert.Equal(GatewayEventStatus.Pending, waiting.Status);
        Assert.Null(waiting.LeaseOwner);

        // A's lease runs out (A died); the next rounds apply the first, then the second, in that order.
        services.Clock.Advance(TimeSpan.FromMinutes(3));
        var order = new List<long>();
        applier.AfterEach = (_, id) => order.Add(id);
        Assert.Equal(new EventBatch(1, 1, 0), await applier.ApplyBatchAsync("B", 1, CancellationToken.None));
        Assert.Equal(new EventBatch(1, 1, 0), await applier.ApplyBatchAsync("C", 1, CancellationToken.None));
        Assert.Equal([first.Id, second.Id], order);
        await AssertEachPaidOnceAsync(services, gifts);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task An_event_that_fails_is_released_and_does_not_hold_back_its_payment(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var gifts = await GiftsAsync(services, 1);
        var (first, _) = await MoneyPath.EventsAsync(services) is [var a, var b] ? (a, b) : throw new InvalidOperationException();
        await using (var db = services.CreateContext())
        {
            // From a gateway that is not configured: applying it throws, and the failure is recorded on the row.
            await db.GatewayEvents.Where(e => e.Id == first.Id).ExecuteUpdateAsync(e => e.SetProperty(x => x.Gateway, "retired"));
        }

        var batch = await services.Get<ApplyGatewayEvents>().ApplyBatchAsync("A", 100, CancellationToken.None);

        Assert.Equal(2, batch.Claimed);
        var events = await MoneyPath.EventsAsync(services);
        Assert.All(events, e => Assert.Null(e.LeaseOwner));
        Assert.Equal((GatewayEventStatus.Pending, 1), (events[0].Status, events[0].Attempts));
        Assert.Contains("retired", events[0].Note, StringComparison.Ordinal);
        Assert.True(events[0].NextAttemptAt > services.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(GatewayEventStatus.Applied, events[1].Status);
        Assert.Equal(ChargeStatus.Succeeded, (await MoneyPath.ChargeAsync(services, gifts[0])).Status);
    }

    [SkippableFact]
    public async Task On_postgresql_an_event_made_a_deadlocks_victim_at_its_commit_is_applied_again_at_once()
    {
        await using var seeded = await MoneyPath.SeededAsync(DatabaseProvider.PostgreSql);
        var services = seeded.Services;
        var gifts = await GiftsAsync(services, 1);
        await using (var db = services.CreateContext())
        {
            // The paying event's ledger totals, written as its transaction commits, are a deadlock's victim once.
            await InjectedDeadlock.InstallAsync(db);
        }

        var batch = await services.Get<ApplyGatewayEvents>().ApplyBatchAsync("A", 100, CancellationToken.None);

        await using var check = services.CreateContext();
        Assert.True(await InjectedDeadlock.WritesAsync(check) >= 2, "the injected deadlock did not fire, or nothing wrote the totals after it");
        Assert.Equal((2, 2), (batch.Claimed, batch.Applied));
        // Tried again at once, not recorded as a failure to be retried minutes later.
        Assert.All(await MoneyPath.EventsAsync(services), e => Assert.Equal((GatewayEventStatus.Applied, 1, null), (e.Status, e.Attempts, e.Note)));
        await AssertEachPaidOnceAsync(services, gifts);
    }

    /// <summary>For the tests of what happens between events: each event in a transaction of its own.</summary>
    private static Dictionary<string, string?> OneEventPerTransaction => new() { ["Jobs:EventsPerTransaction"] = "1" };

    internal static async Task<List<Guid>> GiftsAsync(PortalServices services, int count)
    {
        var gifts = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var (sponsorshipId, session) = await MoneyPath.StartAsync(services, email: $"donor{i}@example.org");
            await MoneyPath.PayAsync(services, session);
            gifts.Add(sponsorshipId);
        }

        return gifts;
    }

    /// <summary>One applier's loop, with a small batch so the appliers interleave; returns how many events it applied.</summary>
    private static async Task<int> DrainAsync(PortalServices services, ApplyGatewayEvents applier, string owner, int size)
    {
        var applied = 0;
        for (var round = 0; round < 10_000; round++)
        {
            var batch = await applier.ApplyBatchAsync(owner, size, CancellationToken.None);
            applied += batch.Applied;
            if (batch.Claimed == 0)
            {
                await using var db = services.CreateContext();
                if (!await db.GatewayEvents.AnyAsync(e => e.Status == GatewayEventStatus.Pending))
                {
                    return applied;
                }

                await Task.Delay(5);
            }
        }

        throw new InvalidOperationException($"{owner} never saw the inbox empty.");
    }

    internal static async Task AssertEachPaidOnceAsync(PortalServices services, IEnumerable<Guid> gifts)
    {
        await using var db = services.CreateContext();
        foreach (var sponsorshipId in gifts)
        {
            var charge = await db.Charges.AsNoTracking().SingleAsync(c => c.SponsorshipId == sponsorshipId);
            Assert.Equal(ChargeStatus.Succeeded, charge.Status);
            Assert.Equal(1, await db.JournalEntries.CountAsync(e => e.ChargeId == charge.Id));
            Assert.Equal(1, await db.OutboundEmails.CountAsync(m => m.IdempotencyKey == ReceiptMail.Key(charge.Id)));
        }

        Assert.Equal(0, await db.JournalLines.SumAsync(l => l.AmountMinor));
        Assert.All(await db.GatewayEvents.AsNoTracking().ToListAsync(), e => Assert.Equal(GatewayEventStatus.Applied, e.Status));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Payments.Events;
using Portal.Core.Sponsorships;
using Portal.Testing;

namespace Portal.Core.Tests.Payments.Events;

/// <summary>
/// Several payment events in one transaction (decision 043), four by default on both databases (decision 053): a crash
/// inside it saves none of them, and a failure of a charge paid earlier in it waits for the commit.
/// </summary>
public class EventsPerTransactionTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task An_applier_killed_inside_a_transaction_of_several_events_leaves_all_of_them_unapplied_and_leased(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var gifts = await EventAppliersTests.GiftsAsync(services, 10);
        var applier = services.Get<ApplyGatewayEvents>();
        var inTransaction = new List<long>();
        applier.InTransaction = (owner, id) =>
        {
            if (owner == "doomed")
            {
                inTransaction.Add(id);
                if (inTransaction.Count == 3)
                {
                    throw new InvalidOperationException("The process was killed.");
                }
            }
        };

        await Assert.ThrowsAsync<InvalidOperationException>(() => applier.ApplyBatchAsync("doomed", 100, CancellationToken.None));

        // The first two were applied in the transaction that the kill rolled back: nothing of any of them is saved.
        var events = await MoneyPath.EventsAsync(services);
        Assert.Equal(3, inTransaction.Count);
        Assert.All(events, e => Assert.Equal((GatewayEventStatus.Pending, 0, "doomed"), (e.Status, e.Attempts, e.LeaseOwner)));
        await using (var db = services.CreateContext())
        {
            var charges = await db.Charges.Where(c => gifts.Contains(c.SponsorshipId)).ToListAsync();
            var ids = charges.Select(c => c.Id).ToList();
            Assert.Equal(10, charges.Count);
            Assert.All(charges, c => Assert.NotEqual(ChargeStatus.Succeeded, c.Status));
            Assert.Equal(0, await db.JournalEntries.CountAsync(e => e.ChargeId != null && ids.Contains(e.ChargeId.Value)));
            Assert.Equal(0, await db.OutboundEmails.CountAsync(m => m.IdempotencyKey.StartsWith("receipt:")));
        }

        services.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new EventBatch(0, 0, 0), await applier.ApplyBatchAsync("second", 100, CancellationToken.None));
        services.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var together = new List<long>();
        applier.InTransaction = (owner, id) => together.Add(id);
        Assert.Equal(new EventBatch(20, 20, 0), await applier.ApplyBatchAsync("second", 100, CancellationToken.None));

        // Four to a transaction, each event once, in id order; the ledger balances.
        Assert.Equal(events.Select(e => e.Id), together);
        await EventAppliersTests.AssertEachPaidOnceAsync(services, gifts);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_failure_of_a_charge_paid_earlier_in_the_transaction_is_applied_alone_after_it(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var gifts = await EventAppliersTests.GiftsAsync(services, 1);
        var (completed, succeeded) = await MoneyPath.EventsAsync(services) is [var a, var b] ? (a, b) : throw new InvalidOperationException();
        Assert.Equal("payment_intent.succeeded", succeeded.Type);
        // The same payment's decline arrives with the others: whether it undoes the payment is asked of the gateway
        // from the charge as saved, which the two before it change.
        const string failedType = "payment_intent.payment_failed";
        var (failedId, _) = await services.InScopeAsync(scope => scope.GetRequiredService<EventInbox>().RecordAsync(
            succeeded.Gateway, "evt_declined_late", failedType, succeeded.Payload.Replace(succeeded.Type, failedType, StringComparison.Ordinal),
            null, CancellationToken.None));
        var applier = services.Get<ApplyGatewayEvents>();
        var together = new List<long>();
        applier.InTransaction = (_, id) => together.Add(id);

        Assert.Equal(new EventBatch(3, 3, 0), await applier.ApplyBatchAsync("A", 100, CancellationToken.None));

        Assert.Equal([completed.Id, succeeded.Id], together);
        var failed = (await MoneyPath.EventsAsync(services)).Single(e => e.Id == failedId);
        Assert.Equal((1, null), (failed.Attempts, failed.LeaseOwner));
        Assert.NotEqual(GatewayEventStatus.Pending, failed.Status);
        Assert.Equal(ChargeStatus.Succeeded, (await MoneyPath.ChargeAsync(services, gifts[0])).Status);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_transaction_of_several_events_reads_their_charges_sponsorships_funds_and_donors_together(DatabaseProvider provider)
    {
        using var reads = new TransactionReads();
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var gifts = await EventAppliersTests.GiftsAsync(services, 8);
        var applier = services.Get<ApplyGatewayEvents>();
        await reads.WatchAsync(services);

        Assert.Equal(new EventBatch(16, 16, 0), await applier.ApplyBatchAsync("A", 100, CancellationToken.None));

        // Four transactions of four events (two gifts' checkouts and payments each), with the default settings on both
        // databases. Each reads the four tables once
        // before its events (decision 050), not once an event; the ledger totals at its commit read Charges twice more
        // and Sponsorships once more.
        var all = reads.Transactions();
        var seen = string.Join(
            " | ", all.Select(t => string.Join(", ", t.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}"))));
        var transactions = all.Where(t => t.ContainsKey("Charges")).ToList();
        Assert.True(transactions.Count == 4, seen);
        Assert.All(transactions, t => Assert.Equal(
            (3, 2, 1, 1),
            (t.GetValueOrDefault("Charges"), t.GetValueOrDefault("Sponsorships"), t.GetValueOrDefault("Funds"), t.GetValueOrDefault("Donors"))));
        await EventAppliersTests.AssertEachPaidOnceAsync(services, gifts);
    }
}

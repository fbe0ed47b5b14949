using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Receipts;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Payments.Events;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Sponsorships;
using Portal.Testing;

namespace Portal.Core.Tests.Payments.Events;

/// <summary>Every event posts to the ledger exactly once, whatever the order, the number and the concurrency of deliveries.</summary>
public class ApplyGatewayEventsTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_card_gift_succeeds_once_with_one_balanced_entry_and_one_receipt(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var (sponsorshipId, session) = await MoneyPath.StartAsync(services, coverFee: true);

        Assert.IsType<SandboxPayResult.Paid>(await MoneyPath.PayAsync(services, session));
        await MoneyPath.ApplyAllAsync(services);

        var charge = await MoneyPath.ChargeAsync(services, sponsorshipId);
        Assert.Equal(ChargeStatus.Succeeded, charge.Status);
        Assert.Equal(3071, charge.AmountMinor);
        Assert.Equal(71, charge.FeeMinor);
        Assert.NotNull(charge.ReceiptNumber);
        await AssertPostedOnceAsync(services, charge, expectedGross: 3071, expectedFee: 71);
        await using var db = services.CreateContext();
        var sponsorship = await db.Sponsorships.SingleAsync(s => s.Id == sponsorshipId);
        Assert.Equal(SponsorshipStatus.Active, sponsorship.Status);
        Assert.StartsWith("pm_sandbox_", sponsorship.GatewayPaymentMethodId, StringComparison.Ordinal);
        Assert.Equal(MailTopics.ImpactUpdates | MailTopics.TransparencyReports, (await db.Donors.SingleAsync()).MailConsents);
        Assert.Single(await db.DonorGatewayCustomers.ToListAsync());
        Assert.All(await MoneyPath.EventsAsync(services), e => Assert.Equal(GatewayEventStatus.Applied, e.Status));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Duplicated_and_reordered_deliveries_change_nothing_more(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var (sponsorshipId, session) = await MoneyPath.StartAsync(services);
        await MoneyPath.PayAsync(services, session);
        var events = await MoneyPath.EventsAsync(services);

        // A second delivery of each event is dropped by its id.
        foreach (var stored in events)
        {
            var (_, again) = await services.InScopeAsync(scope => scope.GetRequiredService<EventInbox>()
                .RecordAsync(stored.Gateway, stored.EventId, stored.Type, stored.Payload, stored.OccurredAt, CancellationToken.None));
            Assert.False(again);
        }

        // payment_intent.succeeded first, then checkout.session.completed, then both again.
        var applier = services.Get<ApplyGatewayEvents>();
        foreach (var id in events.Select(e => e.Id).Reverse().Concat(events.Select(e => e.Id)))
        {
            await applier.ApplyAsync(id, CancellationToken.None);
        }

        var charge = await MoneyPath.ChargeAsync(services, sponsorshipId);
        Assert.Equal(ChargeStatus.Succeeded, charge.Status);
        await AssertPostedOnceAsync(services, charge, expectedGross: 3000, expectedFee: 70);
        Assert.Equal(2, (await MoneyPath.EventsAsync(services)).Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Two_workers_applying_the_same_charges_events_at_once_post_once(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var gifts = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var (sponsorshipId, session) = await MoneyPath.StartAsync(services, email: $"donor{i}@example.org");
            await MoneyPath.PayAsync(services, session);
            gifts.Add(sponsorshipId);
        }

        var ids = (await MoneyPath.EventsAsync(services)).Select(e => e.Id).ToList();
        var applier = services.Get<ApplyGatewayEvents>();
        await Task.WhenAll(
            Task.Run(async () => { foreach (var id in ids) { await applier.ApplyAsync(id, CancellationToken.None); } }),
            Task.Run(async () => { foreach (var id in Enumerable.Reverse(ids)) { await applier.ApplyAsync(id, CancellationToken.None); } }),
            Task.Run(() => MoneyPath.ApplyAllAsync(services)));

        foreach (var sponsorshipId in gifts)
        {
            await AssertPostedOnceAsync(services, await MoneyPath.ChargeAsync(services, sponsorshipId), expectedGross: 3000, expectedFee: 70);
        }

        Assert.All(await MoneyPath.EventsAsync(services), e => Assert.Equal(GatewayEventStatus.Applied, e.Status));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_SEPA_debit_is_processing_until_the_bank_settles_it(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var (sponsorshipId, session) = await MoneyPath.StartAsync(services);
        await MoneyPath.PayAsync(services, session, "DE89 3704 0044 0532 0130 00");
        await MoneyPath.ApplyAllAsync(services);

        var processing = await MoneyPath.ChargeAsync(services, sponsorshipId);
        Assert.Equal(ChargeStatus.Processing, processing.Status);
        await using (var db = services.CreateContext())
        {
            Assert.Equal(0, await db.JournalEntries.CountAsync(e => e.ChargeId == processing.Id));
        }

        await services.Get<SandboxPayments>().SettleAsync(processing.PaymentIntentId!, CancellationToken.None);
        await MoneyPath.ApplyAllAsync(services);

        await AssertPostedOnceAsync(services, await MoneyPath.ChargeAsync(services, sponsorshipId), expectedGross: 3000, expectedFee: 70);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_returned_SEPA_debit_fails_the_first_gift_and_posts_nothing(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var (sponsorshipId, session) = await MoneyPath.StartAsync(services);
        await MoneyPath.PayAsync(services, session, "DE62370400440532013001");
        await MoneyPath.ApplyAllAsync(services);
        await services.Get<SandboxPayments>()
            .SettleAsync((await MoneyPath.ChargeAsync(services, sponsorshipId)).PaymentIntentId!, CancellationToken.None);
        await MoneyPath.ApplyAllAsync(services);

        var charge = await MoneyPath.ChargeAsync(services, sponsorshipId);
        Assert.Equal(ChargeStatus.Failed, charge.Status);
        Assert.Equal("debit_not_authorized", charge.DeclineCode);
        await using var db = services.CreateContext();
        Assert.Equal(SponsorshipStatus.Failed, (await db.Sponsorships.SingleAsync(s => s.Id == sponsorshipId)).Status);
        Assert.Equal(0, await db.JournalEntries.CountAsync(e => e.ChargeId == charge.Id));
        Assert.Equal(0, await db.OutboundEmails.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_declined_card_is_one_try_and_the_next_card_pays(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var (sponsorshipId, session) = await MoneyPath.StartAsync(services);

        Assert.IsType<SandboxPayResult.Declined>(await MoneyPath.PayAsync(services, session, "4000000000009995"));
        await MoneyPath.ApplyAllAsync(services);
        var declined = await MoneyPath.ChargeAsync(services, sponsorshipId);
        Assert.Equal(ChargeStatus.InFlight, declined.Status);
        Assert.Equal("insufficient_funds", declined.DeclineCode);

        Assert.IsType<SandboxPayResult.Paid>(await MoneyPath.PayAsync(services, session));
        await MoneyPath.ApplyAllAsync(services);
        var paid = await MoneyPath.ChargeAsync(services, sponsorshipId);
        Assert.Equal(ChargeStatus.Succeeded, paid.Status);
        Assert.Null(paid.DeclineCode);
        await AssertPostedOnceAsync(services, paid, expectedGross: 3000, expectedFee: 70);
    }

    [Fact]
    public async Task Events_that_are_not_ours_are_recorded_and_left_alone()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        var inbox = (Func<string, string, Task<long>>)(async (type, payload) =>
            (await services.InScopeAsync(scope => scope.GetRequiredService<EventInbox>()
                .RecordAsync("sandbox", Guid.NewGuid().ToString(), type, payload, null, CancellationToken.None))).Id);
        var unknownType = await inbox("customer.created", "{}");
        var noMetadata = await inbox("payment_intent.succeeded", Event(
            "payment_intent.succeeded",
            """{"id":"pi_1","object":"payment_intent","amount":100,"currency":"eur","status":"succeeded","metadata":{}}"""));
        var unknownCharge = await inbox("payment_intent.succeeded", Event(
            "payment_intent.succeeded",
            """{"id":"pi_2","object":"payment_intent","amount":"""
                + $$$"""100,"currency":"eur","status":"succeeded","metadata":{"charge_id":"{{{Guid.NewGuid()}}}"}}"""));

        await MoneyPath.ApplyAllAsync(services);

        var events = (await MoneyPath.EventsAsync(services)).ToDictionary(e => e.Id);
        Assert.Equal(GatewayEventStatus.Ignored, events[unknownType].Status);
        Assert.Equal(GatewayEventStatus.Ignored, events[noMetadata].Status);
        Assert.Equal(GatewayEventStatus.Unmatched, events[unknownCharge].Status);
        Assert.Contains("No charge", events[unknownCharge].Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_that_keeps_failing_is_retried_later_and_finally_marked_failed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        var payload = Event(
            "payment_intent.succeeded",
            """{"id":"pi_3","object":"payment_intent","amount":"""
                + $$$"""100,"currency":"eur","status":"succeeded","metadata":{"charge_id":"{{{Guid.NewGuid()}}}"}}""");
        await services.InScopeAsync(scope => scope.GetRequiredService<EventInbox>()
            .RecordAsync("a-gateway-not-configured", "evt_1", "payment_intent.succeeded", payload, null, CancellationToken.None));

        await MoneyPath.ApplyAllAsync(services);
        var first = Assert.Single(await MoneyPath.EventsAsync(services));
        Assert.Equal(GatewayEventStatus.Pending, first.Status);
        Assert.Equal(1, first.Attempts);
        Assert.Contains("not configured", first.Note, StringComparison.Ordinal);
        Assert.Equal(0, await MoneyPath.ApplyAllAsync(services));

        for (var i = 0; i < ApplyGatewayEvents.MaxAttempts; i++)
        {
            services.Clock.Advance(TimeSpan.FromHours(2));
            await MoneyPath.ApplyAllAsync(services);
        }

        var last = Assert.Single(await MoneyPath.EventsAsync(services));
        Assert.Equal(GatewayEventStatus.Failed, last.Status);
        Assert.Equal(ApplyGatewayEvents.MaxAttempts, last.Attempts);
    }

    private static readonly string ApiVersion = global::Stripe.StripeConfiguration.ApiVersion;

    private static string Event(string type, string dataObject) =>
        $$$"""{"id":"evt_{{{Guid.NewGuid():N}}}","object":"event","api_version":"{{{ApiVersion}}}","created":"""
            + $$$"""1773144000,"livemode":false,"type":"{{{type}}}","data":{"object":{{{dataObject}}}}}""";

    private static async Task AssertPostedOnceAsync(PortalServices services, Charge charge, long expectedGross, long expectedFee)
    {
        await using var db = services.CreateContext();
        var entry = await db.JournalEntries.Include(e => e.Lines).ThenInclude(l => l.Account).SingleAsync(e => e.ChargeId == charge.Id);
        Assert.Equal(ChargePostings.SucceededKey(charge.Id), entry.IdempotencyKey);
        Assert.Equal(0, entry.Lines.Sum(l => l.AmountMinor));
        Assert.Equal(-expectedGross, entry.Lines.Where(l => l.Account!.Kind == AccountKind.FundIncome).Sum(l => l.AmountMinor));
        Assert.Equal(expectedFee, entry.Lines.Where(l => l.Account!.Kind == AccountKind.FundFees).Sum(l => l.AmountMinor));
        Assert.Equal(1, await db.OutboundEmails.CountAsync(m => m.IdempotencyKey == ReceiptMail.Key(charge.Id)));
        Assert.Equal(0, await db.JournalLines.SumAsync(l => l.AmountMinor));
    }
}

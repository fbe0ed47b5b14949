using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Ledger;
using Portal.Core.Payments.Events;
using Portal.Core.Refunds;
using Portal.Core.Sponsorships;
using Portal.Core.Tests.Sponsorships;
using Portal.FakeStripe;

namespace Portal.Core.Tests.Refunds;

/// <summary>Shared steps of the finance tests: paid charges at the fake Stripe, events delivered, ledger sums.</summary>
internal static class Finance
{
    /// <summary>Sponsorships charged by a run, all succeeded; returns their charges.</summary>
    public static async Task<List<Charge>> PaidChargesAsync(
        Recurring recurring,
        int count,
        string currency = "EUR",
        long amountMinor = 3000,
        string paymentMethod = TestPaymentMethods.Visa)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await recurring.AddAsync(paymentMethod, amountMinor: amountMinor, currency: currency));
        }

        await recurring.RunAsync();
        var charges = (await recurring.ChargesAsync()).Where(c => ids.Contains(c.SponsorshipId)).ToList();
        Assert.Equal(count, charges.Count);
        return charges;
    }

    public static Task<RefundOutcome> RefundAsync(Recurring recurring, Guid chargeId, string? amount, string? reason = "The donor asked") =>
        recurring.Services.InScopeAsync(scope => scope.GetRequiredService<RefundDesk>()
            .RefundAsync(
                new RefundInput(chargeId, amount, reason, "requested_by_customer"),
                "staff-1",
                "finance@example.org",
                CancellationToken.None));

    /// <summary>Stores and applies events as the webhook endpoint and the events job would.</summary>
    public static async Task DeliverAsync(Recurring recurring, IEnumerable<FakeEvent> events)
    {
        foreach (var stored in events)
        {
            await recurring.Services.InScopeAsync(scope => scope.GetRequiredService<EventInbox>()
                .RecordAsync("stripe", stored.Id, stored.Type, stored.Json, DateTime.UtcNow, CancellationToken.None));
        }

        await recurring.Services.Get<ApplyGatewayEvents>().ApplyDueAsync(CancellationToken.None);
    }

    /// <summary>Every event the fake recorded after <paramref name="after"/> events, as Stripe would send them.</summary>
    public static IReadOnlyList<FakeEvent> EventsSince(Recurring recurring, int after) => recurring.Stripe.Events.Skip(after).ToList();

    public static async Task<long> BalanceAsync(Recurring recurring, AccountKind kind, string currency)
    {
        await using var db = recurring.Services.CreateContext();
        return await db.JournalLines.Where(l => l.Account!.Kind == kind && l.Currency == currency).SumAsync(l => (long?)l.AmountMinor) ?? 0;
    }

    public static async Task<Charge> ChargeAsync(Recurring recurring, Guid id)
    {
        await using var db = recurring.Services.CreateContext();
        return await db.Charges.AsNoTracking().SingleAsync(c => c.Id == id);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Reconciliation;
using Portal.Core.Tests.Refunds;
using Portal.Core.Tests.Sponsorships;
using Portal.FakeStripe;
using Portal.Testing;
using Stripe;

namespace Portal.Core.Tests.Reconciliation;

/// <summary>
/// A payout of a few hundred balance transactions (gifts in EUR and USD settled in EUR, refunds, disputes, a reversal,
/// a payment that is not ours) imported on <c>payout.paid</c>: every line matched or raised, actual fees posted, and
/// once the exception is resolved the gateway's clearing account is exactly zero in every currency.
/// </summary>
public class PayoutReconciliationTests
{
    private static readonly FakeStripeOptions SettlesInEuro = new()
    {
        SettlementCurrency = "eur",
        ExchangeRates = new Dictionary<string, decimal> { ["usd"] = 0.9213m },
    };

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_payout_matches_every_line_posts_actual_fees_and_leaves_clearing_at_zero_once_exceptions_are_resolved(
        DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider, stripeOptions: SettlesInEuro);
        var euros = await Finance.PaidChargesAsync(recurring, 150);
        var dollars = await Finance.PaidChargesAsync(recurring, 40, currency: "USD", amountMinor: 5000);
        foreach (var charge in euros.Take(5).Concat(dollars.Take(2)))
        {
            Assert.Null((await Finance.RefundAsync(recurring, charge.Id, charge.Currency == "EUR" ? "10.00" : null)).Message);
        }

        var disputeEvents = recurring.Stripe.CreateDispute(euros[10].PaymentIntentId!)
            .Concat(recurring.Stripe.CreateDispute(dollars[10].PaymentIntentId!))
            .ToList();
        await Finance.DeliverAsync(recurring, disputeEvents);
        var stripeDisputes = await recurring.Client.V1.Disputes.ListAsync(new DisputeListOptions { PaymentIntent = euros[10].PaymentIntentId });
        await Finance.DeliverAsync(recurring, recurring.Stripe.CloseDispute(stripeDisputes.Data[0].Id, won: true));
        // A payment made at Stripe outside the portal: nothing of ours explains it.
        var stranger = await recurring.Client.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 777,
            Currency = "eur",
            PaymentMethod = TestPaymentMethods.Visa,
            Confirm = true,
            OffSession = true,
            Customer = (await recurring.Client.V1.Customers.CreateAsync(new CustomerCreateOptions())).Id,
        });

        var (payout, events) = recurring.Stripe.PayOut("eur");
        await Finance.DeliverAsync(recurring, events);

        await using (var db = recurring.Services.CreateContext())
        {
            var imported = await db.Payouts.SingleAsync();
            Assert.Equal(payout.Amount, imported.AmountMinor);
            Assert.Equal(PayoutStatus.Paid, imported.Status);
            var lines = await db.PayoutLines.Where(l => l.PayoutId == imported.Id && l.Type != "payout").ToListAsync();
            Assert.Equal(payout.Amount, lines.Sum(l => l.NetMinor));
            Assert.Equal(190 + 7 + 2 + 1 + 1, lines.Count);
            Assert.Equal(lines.Count, imported.LineCount);
            Assert.Equal(lines.Count - 1, imported.MatchedCount);
            var exception = await db.ReconciliationExceptions.SingleAsync();
            Assert.Equal(ExceptionKind.UnmatchedGatewayLine, exception.Kind);
            Assert.Equal(1, imported.OpenExceptionCount);
            Assert.Equal(lines.Single(l => l.Match == PayoutLineMatch.Unmatched).NetMinor, exception.AmountMinor);

            // Settled amounts, rates and actual fees are on every gift the payout carried.
            var usd = await db.Charges.SingleAsync(c => c.Id == dollars[20].Id);
            Assert.Equal("EUR", usd.SettledCurrency);
            Assert.Equal(0.9213m, usd.ExchangeRate);
            Assert.Equal(4607, usd.SettledAmountMinor);
            Assert.Equal(0, await db.Charges.CountAsync(c => c.SettledAmountMinor == null));
        }

        // Payouts, refunds, disputes and fees account for everything but the stranger's payment.
        Assert.Equal(0, await Finance.BalanceAsync(recurring, AccountKind.GatewayClearing, "USD"));
        Assert.Equal(-(stranger.Amount - FeeOf(stranger.Amount)), await Finance.BalanceAsync(recurring, AccountKind.GatewayClearing, "EUR"));

        var resolved = await recurring.Services.InScopeAsync(async scope =>
        {
            await using var db = scope.GetRequiredService<PortalDbContext>();
            var id = await db.ReconciliationExceptions.Select(e => e.Id).SingleAsync();
            var desk = scope.GetRequiredService<ExceptionDesk>();
            Assert.Contains(
                "reason",
                await desk.ResolveAsync(id, ExceptionStatus.WrittenOff, " ", null, "staff-1", "finance@example.org", CancellationToken.None));
            return await desk.ResolveAsync(
                id,
                ExceptionStatus.WrittenOff,
                "Test payment made in the Stripe dashboard",
                null,
                "staff-1",
                "finance@example.org",
                CancellationToken.None);
        });
        Assert.Null(resolved);
        Assert.Equal(0, await Finance.BalanceAsync(recurring, AccountKind.GatewayClearing, "EUR"));
        await recurring.AssertLedgerBalancedAsync();

        // Importing again (the nightly job, a repeated event) adds nothing.
        var entries = await CountAsync(recurring, db => db.JournalEntries.CountAsync());
        await recurring.Services
            .InScopeAsync(scope => scope.GetRequiredService<PayoutImport>().ImportAsync("stripe", payout.Id, CancellationToken.None));
        await recurring.Services.InScopeAsync(scope => scope.GetRequiredService<PayoutImport>().ImportRecentAsync(CancellationToken.None));
        Assert.Equal(entries, await CountAsync(recurring, db => db.JournalEntries.CountAsync()));
        Assert.Equal(1, await CountAsync(recurring, db => db.ReconciliationExceptions.CountAsync()));
        await using var check = recurring.Services.CreateContext();
        Assert.Equal(0, (await check.Payouts.SingleAsync()).OpenExceptionCount);
        Assert.Contains(await check.AuditRecords.ToListAsync(), a => a.Action == "reconciliation.exception.writtenoff");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task An_amount_that_differs_is_raised_not_posted_and_a_payment_never_paid_out_is_flagged_once(DatabaseProvider provider)
    {
        // Stripe's clock on the portal's day, so "after the first payout" compares like with like.
        var stripeClock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        await using var recurring = await Recurring.CreateAsync(provider, stripeOptions: new FakeStripeOptions { TimeProvider = stripeClock });
        var charges = await Finance.PaidChargesAsync(recurring, 3);
        await using (var db = recurring.Services.CreateContext())
        {
            (await db.Charges.SingleAsync(c => c.Id == charges[0].Id)).AmountMinor = 2999;
            await db.SaveChangesAsync();
        }

        var (payout, events) = recurring.Stripe.PayOut("eur");
        await Finance.DeliverAsync(recurring, events);

        // A gift after the payout that no payout carries for longer than expected.
        recurring.Services.Clock.Advance(TimeSpan.FromHours(1));
        var late = await Finance.PaidChargesAsync(recurring, 1);
        recurring.Services.Clock.Advance(TimeSpan.FromDays(11));
        var flagged = await recurring.Services.InScopeAsync(scope => scope.GetRequiredService<MissingPayouts>().FlagAsync(CancellationToken.None));
        var again = await recurring.Services.InScopeAsync(scope => scope.GetRequiredService<MissingPayouts>().FlagAsync(CancellationToken.None));

        await using var check = recurring.Services.CreateContext();
        var difference = await check.ReconciliationExceptions.SingleAsync(e => e.Kind == ExceptionKind.AmountDifference);
        Assert.Equal(1, difference.AmountMinor);
        Assert.Equal(charges[0].Id, difference.ChargeId);
        Assert.Equal(1, (await check.PayoutLines.SingleAsync(l => l.ChargeId == charges[0].Id)).DifferenceMinor);
        Assert.Equal(payout.Amount, (await check.Payouts.SingleAsync()).AmountMinor);
        Assert.Equal(1, flagged);
        Assert.Equal(0, again);
        var missing = await check.ReconciliationExceptions.SingleAsync(e => e.Kind == ExceptionKind.MissingFromPayouts);
        Assert.Equal(late[0].Id, missing.ChargeId);
    }

    private static long FeeOf(long amount) => (long)Math.Round(amount * 0.015m, MidpointRounding.AwayFromZero) + 25;

    private static async Task<int> CountAsync(Recurring recurring, Func<PortalDbContext, Task<int>> count)
    {
        await using var db = recurring.Services.CreateContext();
        return await count(db);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Reconciliation;
using Portal.Core.Refunds;
using Portal.Core.Sponsorships;
using Portal.Core.Tests.Refunds;
using Portal.Core.Tests.Sponsorships;
using Portal.FakeStripe;
using Portal.Testing;
using Stripe;

namespace Portal.Core.Tests.Reconciliation;

/// <summary>Events that never arrived: the nightly drift check finds what they would have changed, repairs it once and lists it.</summary>
public class DriftRepairTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Missed_refund_dispute_and_settlement_events_are_repaired_once_and_listed(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider);
        var cards = await Finance.PaidChargesAsync(recurring, 2);
        var sepa = (await Finance.PaidChargesAsync(recurring, 1, paymentMethod: TestPaymentMethods.SepaDebit))[0];

        // None of these events reach the portal.
        await recurring.Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = cards[0].PaymentIntentId, Amount = 900 });
        recurring.Stripe.CreateDispute(cards[1].PaymentIntentId!);
        recurring.Stripe.SettlePaymentIntent(sepa.PaymentIntentId!, succeed: true);
        recurring.Services.Clock.Advance(TimeSpan.FromHours(1));

        var run = await recurring.Services.InScopeAsync(scope => scope.GetRequiredService<DriftRepair>().RunAsync(CancellationToken.None));
        var second = await recurring.Services.InScopeAsync(scope => scope.GetRequiredService<DriftRepair>().RunAsync(CancellationToken.None));

        Assert.True(run.Error is null, run.Error);
        Assert.True(run.Repaired >= 3, $"repaired {run.Repaired}");
        Assert.Equal(0, second.Repaired);
        Assert.Equal(ChargeStatus.Succeeded, (await Finance.ChargeAsync(recurring, sepa.Id)).Status);
        Assert.Equal(ChargeStatus.Disputed, (await Finance.ChargeAsync(recurring, cards[1].Id)).Status);
        Assert.Equal(900, await Finance.BalanceAsync(recurring, AccountKind.FundRefunds, "EUR"));
        await using var db = recurring.Services.CreateContext();
        Assert.Equal(RefundStatus.Succeeded, (await db.Refunds.SingleAsync()).Status);
        var changes = await db.Set<DriftChange>().Where(c => c.DriftRunId == run.Id).ToListAsync();
        Assert.Contains(changes, c => c.Subject == $"charge {sepa.Id}");
        Assert.Contains(changes, c => c.Change.StartsWith("adopted refund", StringComparison.Ordinal));
        Assert.Contains(
            changes,
            c => c.Change.StartsWith("dispute", StringComparison.Ordinal) && c.Change.Contains("opened", StringComparison.Ordinal));
        Assert.Equal(1, await db.OutboundEmails.CountAsync(m => m.IdempotencyKey.StartsWith($"receipt:{sepa.Id}")));
        await recurring.AssertLedgerBalancedAsync();
    }
}

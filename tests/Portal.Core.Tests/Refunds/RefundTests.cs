using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Payments;
using Portal.Core.Refunds;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;
using Portal.Core.Tests.Sponsorships;
using Portal.Testing;
using Stripe;
using Refund = Portal.Core.Refunds.Refund;

namespace Portal.Core.Tests.Refunds;

/// <summary>Staff refunds through the real Stripe.net client against the fake Stripe: partial, full, refused, repeated.</summary>
public class RefundTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Partial_then_full_refunds_post_to_the_fund_amend_the_receipt_and_bad_input_writes_nothing(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider);
        var charge = (await Finance.PaidChargesAsync(recurring, 1))[0];

        var partial = await Finance.RefundAsync(recurring, charge.Id, "10.00");
        Assert.Null(partial.Message);
        Assert.Equal(RefundStatus.Succeeded, partial.Refund!.Status);
        Assert.StartsWith("re_", partial.Refund.GatewayRefundId);
        Assert.Equal(1000, await Finance.BalanceAsync(recurring, AccountKind.FundRefunds, "EUR"));

        // Bad input: a clear message each, and nothing written.
        Assert.Equal("At most 20.00 EUR is left to refund on this payment.", (await Finance.RefundAsync(recurring, charge.Id, "25.00")).Message);
        Assert.Contains("reason", (await Finance.RefundAsync(recurring, charge.Id, "5.00", reason: "  ")).Message);
        Assert.Contains("at most 2 decimals", (await Finance.RefundAsync(recurring, charge.Id, "1.005")).Message);
        Assert.Contains("positive", (await Finance.RefundAsync(recurring, charge.Id, "-3")).Message);
        Assert.Equal("There is no such payment.", (await Finance.RefundAsync(recurring, Guid.NewGuid(), "1.00")).Message);

        var rest = await Finance.RefundAsync(recurring, charge.Id, amount: null);
        Assert.Equal(RefundStatus.Succeeded, rest.Refund!.Status);
        Assert.Equal(2000, rest.Refund.AmountMinor);
        var after = await Finance.ChargeAsync(recurring, charge.Id);
        Assert.Equal(ChargeStatus.Refunded, after.Status);
        Assert.Equal(3000, after.AmountRefundedMinor);
        Assert.Equal("This payment has already been refunded in full.", (await Finance.RefundAsync(recurring, charge.Id, "1.00")).Message);

        // The gateway agrees: two refunds, 30.00 in all; and the events it sent change nothing when applied, twice.
        var atStripe = await recurring.Client.V1.Refunds.ListAsync(new RefundListOptions { PaymentIntent = charge.PaymentIntentId });
        Assert.Equal([1000L, 2000L], atStripe.Data.Select(r => r.Amount).Order());
        await Finance.DeliverAsync(recurring, recurring.Stripe.Events);
        await Finance.DeliverAsync(recurring, recurring.Stripe.Events.Select(e => e with { Id = e.Id + "_again" }));

        await using var db = recurring.Services.CreateContext();
        Assert.Equal(2, await db.Refunds.CountAsync());
        Assert.Equal(3000, await Finance.BalanceAsync(recurring, AccountKind.FundRefunds, "EUR"));
        Assert.Equal(2, await db.JournalEntries.CountAsync(e => e.IdempotencyKey.StartsWith("refund:")));
        Assert.Equal(2, await db.OutboundEmails.CountAsync(m => m.IdempotencyKey.StartsWith($"receipt:{charge.Id}:amended:")));
        Assert.Equal(2, await db.AuditRecords.CountAsync(a => a.Action == "refund.requested"));
        await recurring.AssertLedgerBalancedAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_refund_whose_answer_was_lost_is_sent_again_with_the_same_key_and_refunds_once(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider);
        var charge = (await Finance.PaidChargesAsync(recurring, 1))[0];

        // The portal recorded the refund and asked Stripe, which refunded; then the process died before the answer was saved.
        var refund = new Refund
        {
            ChargeId = charge.Id,
            AmountMinor = 1500,
            Currency = "EUR",
            Reason = "crash test",
            Status = RefundStatus.Requested,
            RequestedBy = "finance@example.org",
            CreatedAt = DateTime.UtcNow,
        };
        await using (var db = recurring.Services.CreateContext())
        {
            db.Refunds.Add(refund);
            (await db.Charges.SingleAsync(c => c.Id == charge.Id)).AmountRefundedMinor = 1500;
            await db.SaveChangesAsync();
        }

        var request = new GatewayRefundRequest(
            refund.Id,
            charge.Id,
            charge.PaymentIntentId!,
            new Money(1500, Currency.Of("EUR")),
            null,
            refund.IdempotencyKey);
        var first = await recurring.Services
            .InScopeAsync(scope => scope.GetRequiredService<PaymentGateways>().FinanceNamed("stripe")!.RefundAsync(request, CancellationToken.None));
        Assert.IsType<RefundResult.Accepted>(first);

        var sent = await recurring.Services.InScopeAsync(scope => scope.GetRequiredService<RefundDesk>().SendWaitingAsync(CancellationToken.None));
        Assert.Equal(1, sent);
        var atStripe = await recurring.Client.V1.Refunds.ListAsync(new RefundListOptions { PaymentIntent = charge.PaymentIntentId });
        Assert.Single(atStripe.Data);
        await using var check = recurring.Services.CreateContext();
        var stored = await check.Refunds.SingleAsync();
        Assert.Equal(RefundStatus.Succeeded, stored.Status);
        Assert.Equal(atStripe.Data[0].Id, stored.GatewayRefundId);
        Assert.Equal(1500, await Finance.BalanceAsync(recurring, AccountKind.FundRefunds, "EUR"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Two_staff_refunding_the_whole_payment_at_once_refund_it_once(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider);
        var charge = (await Finance.PaidChargesAsync(recurring, 1))[0];

        var outcomes = await Task.WhenAll(Finance.RefundAsync(recurring, charge.Id, null), Finance.RefundAsync(recurring, charge.Id, null));

        Assert.Single(outcomes, o => o.Refund?.Status == RefundStatus.Succeeded);
        Assert.Single(outcomes, o => o.Message is not null);
        var atStripe = await recurring.Client.V1.Refunds.ListAsync(new RefundListOptions { PaymentIntent = charge.PaymentIntentId });
        Assert.Equal(3000, atStripe.Data.Sum(r => r.Amount));
        Assert.Equal(3000, await Finance.BalanceAsync(recurring, AccountKind.FundRefunds, "EUR"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_refund_made_at_the_gateway_is_adopted_and_a_refund_that_fails_later_gives_the_money_back_to_the_fund(
        DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider);
        var charges = await Finance.PaidChargesAsync(recurring, 2);
        var seen = recurring.Stripe.Events.Count;

        // Someone refunds in Stripe's dashboard: the portal learns of it from the events.
        var dashboard = await recurring.Client.V1.Refunds
            .CreateAsync(new RefundCreateOptions { PaymentIntent = charges[0].PaymentIntentId, Amount = 700 });
        await Finance.DeliverAsync(recurring, Finance.EventsSince(recurring, seen));
        await using (var db = recurring.Services.CreateContext())
        {
            var adopted = await db.Refunds.SingleAsync(r => r.GatewayRefundId == dashboard.Id);
            Assert.Equal("gateway", adopted.RequestedBy);
            Assert.Equal(RefundStatus.Succeeded, adopted.Status);
        }

        // A staff refund goes through, then the card turns out closed and it fails.
        var staff = await Finance.RefundAsync(recurring, charges[1].Id, "12.00");
        seen = recurring.Stripe.Events.Count;
        var failed = recurring.Stripe.FailRefund(staff.Refund!.GatewayRefundId!);
        await Finance.DeliverAsync(recurring, failed);
        await Finance.DeliverAsync(recurring, failed.Select(e => e with { Id = e.Id + "_again" }));

        await using var check = recurring.Services.CreateContext();
        var refund = await check.Refunds.SingleAsync(r => r.Id == staff.Refund.Id);
        Assert.Equal(RefundStatus.Failed, refund.Status);
        Assert.NotNull(refund.FailureReason);
        Assert.Equal(0, (await Finance.ChargeAsync(recurring, charges[1].Id)).AmountRefundedMinor);
        Assert.Equal(700, await Finance.BalanceAsync(recurring, AccountKind.FundRefunds, "EUR"));
        var reversal = await check.JournalEntries.SingleAsync(e => e.IdempotencyKey == RefundPostings.FailedKey(refund.Id));
        Assert.NotNull(reversal.ReversesEntryId);
        await recurring.AssertLedgerBalancedAsync();
    }
}

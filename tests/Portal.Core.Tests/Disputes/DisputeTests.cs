using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Sponsorships;
using Portal.Core.Tests.Refunds;
using Portal.Core.Tests.Sponsorships;
using Portal.FakeStripe;
using Portal.Testing;

namespace Portal.Core.Tests.Disputes;

/// <summary>Chargebacks and SEPA returns from the fake Stripe's events: status, deadline, the amount and fee leave the fund once.</summary>
public class DisputeTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_dispute_takes_the_gift_and_fee_from_the_fund_once_and_a_won_dispute_gives_the_gift_back(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider);
        var charges = await Finance.PaidChargesAsync(recurring, 2);
        var due = DateTimeOffset.UtcNow.AddDays(9);

        var opened = recurring.Stripe.CreateDispute(charges[0].PaymentIntentId!, "fraudulent", due);
        await Finance.DeliverAsync(recurring, opened);
        await Finance.DeliverAsync(recurring, opened.Select(e => e with { Id = e.Id + "_again" }));

        await using (var db = recurring.Services.CreateContext())
        {
            var dispute = await db.Disputes.SingleAsync();
            Assert.Equal("needs_response", dispute.Status);
            Assert.Equal("fraudulent", dispute.Reason);
            Assert.Equal(due.ToUnixTimeSeconds(), new DateTimeOffset(dispute.EvidenceDueBy!.Value).ToUnixTimeSeconds());
            Assert.False(dispute.IsBankReturn);
            Assert.Equal(1500, dispute.FeeMinor);
        }

        Assert.Equal(ChargeStatus.Disputed, (await Finance.ChargeAsync(recurring, charges[0].Id)).Status);
        Assert.Equal(3000, await Finance.BalanceAsync(recurring, AccountKind.FundDisputes, "EUR"));
        var feesBefore = await Finance.BalanceAsync(recurring, AccountKind.FundFees, "EUR");

        var won = recurring.Stripe.CloseDispute((await DisputeIdAsync(recurring)), won: true);
        await Finance.DeliverAsync(recurring, won);
        await Finance.DeliverAsync(recurring, won.Select(e => e with { Id = e.Id + "_again" }));

        Assert.Equal(0, await Finance.BalanceAsync(recurring, AccountKind.FundDisputes, "EUR"));
        Assert.Equal(feesBefore, await Finance.BalanceAsync(recurring, AccountKind.FundFees, "EUR"));
        Assert.Equal(ChargeStatus.Succeeded, (await Finance.ChargeAsync(recurring, charges[0].Id)).Status);
        await using var check = recurring.Services.CreateContext();
        var closed = await check.Disputes.SingleAsync();
        Assert.Equal("won", closed.Status);
        Assert.NotNull(closed.ClosedAt);
        Assert.Equal(2, await check.JournalEntries.CountAsync(e => e.IdempotencyKey.StartsWith("dispute:")));
        await recurring.AssertLedgerBalancedAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_SEPA_return_is_a_dispute_lost_at_once_with_no_evidence_deadline(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider);
        var charge = (await Finance.PaidChargesAsync(recurring, 1, paymentMethod: TestPaymentMethods.SepaDebit))[0];
        await Finance.DeliverAsync(recurring, recurring.Stripe.SettlePaymentIntent(charge.PaymentIntentId!, succeed: true));
        Assert.Equal(ChargeStatus.Succeeded, (await Finance.ChargeAsync(recurring, charge.Id)).Status);

        await Finance.DeliverAsync(recurring, recurring.Stripe.CreateDispute(charge.PaymentIntentId!, "insufficient_funds"));

        await using var db = recurring.Services.CreateContext();
        var dispute = await db.Disputes.SingleAsync();
        Assert.Equal("lost", dispute.Status);
        Assert.Null(dispute.EvidenceDueBy);
        Assert.True(dispute.IsBankReturn);
        Assert.NotNull(dispute.ClosedAt);
        Assert.Equal(ChargeStatus.Disputed, (await Finance.ChargeAsync(recurring, charge.Id)).Status);
        Assert.Equal(3000, await Finance.BalanceAsync(recurring, AccountKind.FundDisputes, "EUR"));
        await recurring.AssertLedgerBalancedAsync();
    }

    private static async Task<string> DisputeIdAsync(Recurring recurring)
    {
        await using var db = recurring.Services.CreateContext();
        return await db.Disputes.Select(d => d.GatewayDisputeId).SingleAsync();
    }
}

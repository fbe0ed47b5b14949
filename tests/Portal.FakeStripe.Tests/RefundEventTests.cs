using Stripe;

namespace Portal.FakeStripe.Tests;

public sealed class RefundEventTests : FakeStripeTestBase
{
    [Fact]
    public async Task A_refund_records_charge_refunded_and_refund_created_once_even_when_replayed()
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 2000));
        var options = new RefundCreateOptions { PaymentIntent = pi.Id, Amount = 700, Metadata = new() { ["refund_id"] = "r-9" } };

        var refund = await Client.V1.Refunds.CreateAsync(options, Key("refund-r-9"));
        var replay = await Client.V1.Refunds.CreateAsync(options, Key("refund-r-9"));

        Assert.Equal(refund.Id, replay.Id);
        var recorded = Stripe.Events.Where(e => e.Type != "payment_intent.succeeded").Select(e => e.ToStripeEvent()).ToList();
        Assert.Equal(["charge.refunded", "refund.created"], recorded.Select(e => e.Type));
        Assert.Equal(700, Assert.IsType<Charge>(recorded[0].Data.Object).AmountRefunded);
        var created = Assert.IsType<Refund>(recorded[1].Data.Object);
        Assert.Equal((refund.Id, "succeeded", "r-9"), (created.Id, created.Status, created.Metadata["refund_id"]));
        Assert.All(recorded, e => Assert.Equal("refund-r-9", e.Request.IdempotencyKey));
    }

    [Fact]
    public async Task Refunds_list_by_charge_and_payment_intent_newest_first_across_pages()
    {
        var one = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 5000));
        var two = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 5000, chargeId: "chg-2"));
        var ofOne = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ofOne.Add((await Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = one.Id, Amount = 100 })).Id);
        }

        var ofTwo = await Client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = two.LatestChargeId, Amount = 100 });

        var byCharge = new List<Refund>();
        await foreach (var r in Client.V1.Refunds.ListAutoPagingAsync(new RefundListOptions { Charge = one.LatestChargeId, Limit = 2 }))
        {
            byCharge.Add(r);
        }

        var byIntent = await Client.V1.Refunds.ListAsync(new RefundListOptions { PaymentIntent = two.Id });
        var all = await Client.V1.Refunds.ListAsync(new RefundListOptions { Limit = 3 });

        Assert.Equal(Enumerable.Reverse(ofOne), byCharge.Select(r => r.Id));
        Assert.Equal(ofTwo.Id, Assert.Single(byIntent.Data).Id);
        Assert.Equal((3, true, "/v1/refunds"), (all.Data.Count, all.HasMore, all.Url));
        Assert.Equal(ofTwo.Id, all.Data[0].Id);
    }

    [Fact]
    public async Task A_failed_refund_puts_the_money_back_and_lowers_amount_refunded()
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 2000));
        var refund = await Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id, Amount = 800 });

        var events = Stripe.FailRefund(refund.Id).Select(e => EventUtility.ParseEvent(e.Json, throwOnApiVersionMismatch: false)).ToList();
        var read = await Client.V1.Refunds.GetAsync(refund.Id, new RefundGetOptions { Expand = ["failure_balance_transaction"] });
        var charge = await Client.V1.Charges.GetAsync(pi.LatestChargeId);

        Assert.Equal(["refund.updated", "refund.failed"], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal("failed", Assert.IsType<Refund>(e.Data.Object).Status));
        Assert.Equal(("failed", "expired_or_canceled_card"), (read.Status, read.FailureReason));
        var back = read.FailureBalanceTransaction;
        Assert.Equal((800L, 0L, 800L, "refund_failure", "refund_failure", refund.Id),
            (back.Amount, back.Fee, back.Net, back.Type, back.ReportingCategory, back.SourceId));
        Assert.Equal((0L, false), (charge.AmountRefunded, charge.Refunded));
        Assert.Equal("failed", Assert.Single(charge.Refunds.Data).Status);
        Assert.Throws<InvalidOperationException>(() => Stripe.FailRefund(refund.Id));
        Assert.Equal(2000, (await Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id })).Amount);
    }

    [Fact]
    public async Task Refund_events_are_not_recorded_when_api_events_are_off()
    {
        await using var quiet = await FakeStripeServer.StartAsync(new FakeStripeOptions { RecordApiEvents = false });
        var client = quiet.CreateClient();
        var pi = await client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa));

        await client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id });

        Assert.Empty(quiet.Events);
    }
}

/// <summary>An account whose SEPA refunds wait for the bank, as on Stripe.</summary>
public sealed class PendingRefundTests : FakeStripeTestBase
{
    protected override FakeStripeOptions Options => new() { PendingRefunds = PendingRefunds.BankDebits };

    [Fact]
    public async Task A_sepa_refund_is_pending_until_settled_while_a_card_refund_succeeds_at_once()
    {
        var sepa = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.SepaDebit));
        Stripe.SettlePaymentIntent(sepa.Id, succeed: true);
        var card = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, chargeId: "chg-2"));

        var pending = await Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = sepa.Id });
        var immediate = await Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = card.Id });
        var whilePending = await Client.V1.Charges.GetAsync(pending.ChargeId);
        var settled = Stripe.SettleRefund(pending.Id);

        Assert.Equal(("pending", "succeeded"), (pending.Status, immediate.Status));
        Assert.Equal(1500, whilePending.AmountRefunded); // A pending refund already holds the money back.
        Assert.NotNull(pending.BalanceTransactionId);
        var updated = Assert.Single(settled).ToStripeEvent();
        Assert.Equal(("refund.updated", "succeeded"), (updated.Type, Assert.IsType<Refund>(updated.Data.Object).Status));
        Assert.Equal("succeeded", (await Client.V1.Refunds.GetAsync(pending.Id)).Status);
        Assert.Throws<InvalidOperationException>(() => Stripe.SettleRefund(immediate.Id));
        Assert.Throws<ArgumentException>(() => Stripe.SettleRefund("re_missing"));
    }

    [Fact]
    public async Task A_pending_refund_can_fail_and_the_failure_mirrors_the_refund_transaction()
    {
        var sepa = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.SepaDebit, amount: 3000));
        Stripe.SettlePaymentIntent(sepa.Id, succeed: true);
        var pending = await Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = sepa.Id, Amount = 1200 });

        var events = Stripe.FailRefund(pending.Id);
        var lines = await Client.V1.BalanceTransactions.ListAsync(new BalanceTransactionListOptions { Source = pending.Id });

        Assert.Equal(["refund.updated", "refund.failed"], events.Select(e => e.Type));
        Assert.Equal([1200L, -1200L], lines.Data.Select(l => l.Amount)); // Newest first: the failure, then the refund.
    }
}

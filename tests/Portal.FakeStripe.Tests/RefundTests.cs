using System.Net;
using Stripe;

namespace Portal.FakeStripe.Tests;

public sealed class RefundTests : FakeStripeTestBase
{
    [Fact]
    public async Task Partial_then_full_refunds_update_the_charge_and_add_negative_balance_transactions()
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 2000));

        var partial = await Client.V1.Refunds.CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = pi.Id,
            Amount = 500,
            Reason = "requested_by_customer",
            Metadata = new() { ["refund_id"] = "r-1" },
        });
        var afterPartial = await Client.V1.Charges.GetAsync(pi.LatestChargeId);
        var rest = await Client.V1.Refunds.CreateAsync(new RefundCreateOptions { Charge = pi.LatestChargeId });
        var afterFull = await Client.V1.Charges.GetAsync(pi.LatestChargeId);
        var read = await Client.V1.Refunds.GetAsync(partial.Id, new RefundGetOptions { Expand = ["balance_transaction"] });

        Assert.StartsWith("re_", partial.Id, StringComparison.Ordinal);
        Assert.Equal(("succeeded", 500L, pi.LatestChargeId, pi.Id), (partial.Status, partial.Amount, partial.ChargeId, partial.PaymentIntentId));
        Assert.Equal("r-1", read.Metadata["refund_id"]);
        Assert.Equal("requested_by_customer", read.Reason);
        Assert.Equal((-500L, 0L, -500L, "refund", "refund", partial.Id),
            (read.BalanceTransaction.Amount, read.BalanceTransaction.Fee, read.BalanceTransaction.Net,
             read.BalanceTransaction.Type, read.BalanceTransaction.ReportingCategory, read.BalanceTransaction.SourceId));
        Assert.Equal((500L, false), (afterPartial.AmountRefunded, afterPartial.Refunded));
        Assert.Equal(1500, rest.Amount);
        Assert.Equal((2000L, true), (afterFull.AmountRefunded, afterFull.Refunded));
        Assert.Equal([rest.Id, partial.Id], afterFull.Refunds.Data.Select(r => r.Id)); // Newest first, like every Stripe list.
        Assert.Contains(Stripe.Events, e => e.Type == "charge.refunded");
    }

    [Fact]
    public async Task Refunding_more_than_is_left_or_a_failed_payment_is_refused()
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 1000));
        var declined = await Assert.ThrowsAsync<StripeException>(() => Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Declined)));

        var tooMuch = await Assert.ThrowsAsync<StripeException>(
            () => Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id, Amount = 1001 }));
        await Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id });
        var twice = await Assert.ThrowsAsync<StripeException>(() => Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id }));
        var notPaid = await Assert.ThrowsAsync<StripeException>(
            () => Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = declined.StripeError.PaymentIntent.Id }));

        Assert.Equal((HttpStatusCode.BadRequest, "amount"), (tooMuch.HttpStatusCode, tooMuch.StripeError.Param));
        Assert.Equal("charge_already_refunded", twice.StripeError.Code);
        Assert.Equal("payment_intent", notPaid.StripeError.Param);
    }

    [Fact]
    public async Task Concurrent_refunds_never_refund_more_than_the_charge()
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 1000));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                return (await Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id, Amount = 300 })).Amount;
            }
            catch (StripeException)
            {
                return 0;
            }
        }));

        Assert.Equal(900, attempts.Sum());
        Assert.Equal(900, (await Client.V1.Charges.GetAsync(pi.LatestChargeId)).AmountRefunded);
    }
}

using Stripe;

namespace Portal.FakeStripe.Tests;

public sealed class PayoutTests : FakeStripeTestBase
{
    [Fact]
    public async Task A_payout_of_250_transactions_pages_completely_with_expanded_sources()
    {
        var charges = new List<PaymentIntent>();
        foreach (var batch in Enumerable.Range(1, 250).Chunk(25))
        {
            charges.AddRange(await Task.WhenAll(batch.Select(i =>
                Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 1000 + i, chargeId: $"chg-{i}")))));
        }

        var refund = await Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = charges[0].Id, Amount = 300 });

        var payout = Stripe.CreatePayout("eur");
        var lines = new List<BalanceTransaction>();
        await foreach (var line in Client.V1.BalanceTransactions.ListAutoPagingAsync(new BalanceTransactionListOptions
        {
            Payout = payout.Id,
            Limit = 100,
            Expand = ["data.source"],
        }))
        {
            lines.Add(line);
        }

        Assert.Equal("paid", payout.Status);
        Assert.Equal(252, lines.Count); // 250 charges, 1 refund and the payout's own transaction.
        Assert.Equal(252, lines.Select(l => l.Id).Distinct().Count());
        Assert.Equal(3, Stripe.Requests.Count("GET", "/v1/balance_transactions"));
        var chargeLines = lines.Where(l => l.Type == "charge").ToList();
        Assert.Equal(charges.Select(c => c.LatestChargeId).Order(), chargeLines.Select(l => Assert.IsType<Charge>(l.Source).Id).Order());
        Assert.Equal(refund.Id, Assert.IsType<Refund>(Assert.Single(lines, l => l.Type == "refund").Source).Id);
        var own = Assert.Single(lines, l => l.Type == "payout");
        Assert.Equal(payout.Id, Assert.IsType<Payout>(own.Source).Id);
        Assert.Equal(-payout.Amount, own.Amount);
        Assert.Equal(payout.Amount, lines.Where(l => l.Type != "payout").Sum(l => l.Net));
        Assert.Equal(payout.Amount, (await Client.V1.Payouts.GetAsync(payout.Id)).Amount);
    }

    [Fact]
    public async Task Each_transaction_is_paid_out_once()
    {
        await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 1000));
        var first = Stripe.CreatePayout("eur");
        var nothingLeft = Assert.Throws<InvalidOperationException>(() => Stripe.CreatePayout("eur"));
        await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 2000));

        var second = Stripe.CreatePayout("eur");
        var secondLines = await Client.V1.BalanceTransactions.ListAsync(new BalanceTransactionListOptions { Payout = second.Id });

        Assert.Equal(1000 - 40, first.Amount);
        Assert.Equal(2000 - 55, second.Amount);
        Assert.NotNull(nothingLeft);
        Assert.Equal(["payout", "charge"], secondLines.Data.Select(l => l.Type));
        Assert.False(secondLines.HasMore);
    }

    [Fact]
    public async Task Balance_transactions_list_pages_by_cursor_newest_first()
    {
        for (var i = 0; i < 5; i++)
        {
            await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 1000 + i));
        }

        var first = await Client.V1.BalanceTransactions.ListAsync(new BalanceTransactionListOptions { Limit = 2 });
        var second = await Client.V1.BalanceTransactions
            .ListAsync(new BalanceTransactionListOptions { Limit = 2, StartingAfter = first.Data[^1].Id });
        var back = await Client.V1.BalanceTransactions.ListAsync(new BalanceTransactionListOptions { Limit = 2, EndingBefore = second.Data[0].Id });

        Assert.Equal([1004L, 1003L], first.Data.Select(t => t.Amount));
        Assert.True(first.HasMore);
        Assert.Equal("/v1/balance_transactions", first.Url);
        Assert.Equal([1002L, 1001L], second.Data.Select(t => t.Amount));
        Assert.Equal(first.Data.Select(t => t.Id), back.Data.Select(t => t.Id));
    }
}

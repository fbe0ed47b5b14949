using Stripe;

namespace Portal.FakeStripe.Tests;

/// <summary>Disputes on an account settling in EUR: every amount leaves and comes back at the charge's own rate.</summary>
public sealed class DisputeOutcomeTests : FakeStripeTestBase
{
    protected override FakeStripeOptions Options => new()
    {
        SettlementCurrency = "eur",
        ExchangeRates = new Dictionary<string, decimal> { ["usd"] = 0.92m },
        DisputeFee = 2000,
    };

    [Fact]
    public async Task A_won_dispute_reinstates_the_converted_amount_but_not_the_fee()
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, 1099, "usd"));
        var opened = (Dispute)Stripe.CreateDispute(pi.Id)[0].ToStripeEvent().Data.Object;

        var events = Stripe.CloseDispute(opened.Id, won: true).Select(e => e.ToStripeEvent()).ToList();
        var dispute = await Client.V1.Disputes.GetAsync(opened.Id);
        var lines = await Client.V1.BalanceTransactions.ListAsync(new BalanceTransactionListOptions { Source = opened.Id, Expand = ["data.source"] });

        Assert.Equal(["charge.dispute.funds_reinstated", "charge.dispute.closed"], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal("won", Assert.IsType<Dispute>(e.Data.Object).Status));
        Assert.Equal(("won", 1099L, "usd"), (dispute.Status, dispute.Amount, dispute.Currency));
        Assert.Equal([(-1011L, 2000L, -3011L, "dispute"), (1011L, 0L, 1011L, "dispute_reversal")],
            dispute.BalanceTransactions.Select(t => (t.Amount, t.Fee, t.Net, t.ReportingCategory)));
        Assert.All(dispute.BalanceTransactions, t => Assert.Equal(("eur", 0.92m, "adjustment"), (t.Currency, t.ExchangeRate, t.Type)));
        Assert.Equal(2, lines.Data.Count);
        Assert.All(lines.Data, l => Assert.Equal(opened.Id, Assert.IsType<Dispute>(l.Source).Id));
        Assert.True((await Client.V1.Charges.GetAsync(pi.LatestChargeId)).Disputed);
    }

    [Fact]
    public async Task A_lost_dispute_only_closes_and_cannot_close_twice()
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, 1000, "eur"));
        var opened = (Dispute)Stripe.CreateDispute(pi.LatestChargeId)[0].ToStripeEvent().Data.Object;

        var closed = Assert.Single(Stripe.CloseDispute(opened.Id, won: false)).ToStripeEvent();

        Assert.Equal(("charge.dispute.closed", "lost"), (closed.Type, ((Dispute)closed.Data.Object).Status));
        Assert.Single((await Client.V1.Disputes.GetAsync(opened.Id)).BalanceTransactions);
        Assert.Throws<InvalidOperationException>(() => Stripe.CloseDispute(opened.Id, won: true));
        Assert.Throws<ArgumentException>(() => Stripe.CloseDispute("du_missing", won: true));
    }
}

using Stripe;

namespace Portal.FakeStripe.Tests;

/// <summary>
/// What the portal's payout reconciliation reads: one payout of several hundred lines of every kind, on an account
/// settling in EUR with donations in USD and GBP, listed page by page with each line's source expanded.
/// </summary>
public sealed class PayoutReconciliationTests : FakeStripeTestBase
{
    private static readonly string[] Currencies = ["eur", "usd", "gbp"];

    protected override FakeStripeOptions Options => new()
    {
        SettlementCurrency = "eur",
        ExchangeRates = new Dictionary<string, decimal> { ["usd"] = 0.92m, ["gbp"] = 1.1725m },
    };

    [Fact]
    public async Task A_payout_of_charges_refunds_disputes_and_reversals_lists_completely_and_nets_to_its_amount()
    {
        var charges = new List<PaymentIntent>();
        foreach (var batch in Enumerable.Range(0, 300).Chunk(30))
        {
            charges.AddRange(await Task.WhenAll(batch.Select(i => Client.V1.PaymentIntents.CreateAsync(
                OffSession(TestPaymentMethods.Visa, 1000 + (i * 7), Currencies[i % 3], chargeId: $"chg-{i}")))));
        }

        var refunds = await Task.WhenAll(charges.Where((_, i) => i % 10 == 1).Select(pi => Client.V1.Refunds.CreateAsync(
            new RefundCreateOptions { PaymentIntent = pi.Id, Amount = 333, Metadata = new() { ["refund_id"] = "r-" + pi.Id } })));
        Stripe.FailRefund(refunds[0].Id);
        var disputes = charges.Where((_, i) => i % 15 == 2).Select(pi => (Dispute)Stripe.CreateDispute(pi.Id)[0].ToStripeEvent().Data.Object)
            .ToList();
        foreach (var (dispute, n) in disputes.Select((d, n) => (d, n)))
        {
            Stripe.CloseDispute(dispute.Id, won: n % 2 == 0);
        }

        var payout = Stripe.CreatePayout("eur");
        var lines = new List<BalanceTransaction>();
        await foreach (var line in Client.V1.BalanceTransactions.ListAutoPagingAsync(
            new BalanceTransactionListOptions { Payout = payout.Id, Limit = 100, Expand = ["data.source"] }))
        {
            lines.Add(line);
        }

        var expected = 300 + 30 + 1 + 20 + 10 + 1; // charges, refunds, a refund failure, disputes, won reversals, the payout.
        Assert.Equal(expected, lines.Count);
        Assert.Equal(expected, lines.Select(l => l.Id).Distinct().Count());
        Assert.Equal((expected + 99) / 100, Stripe.Requests.Count("GET", "/v1/balance_transactions"));
        Assert.All(lines, l => Assert.Equal("eur", l.Currency));
        Assert.Equal(payout.Amount, lines.Where(l => l.Type != "payout").Sum(l => l.Net));
        Assert.Equal(-payout.Amount, Assert.Single(lines, l => l.Type == "payout").Net);

        var chargeLines = lines.Where(l => l.Type == "charge").Select(l => Assert.IsType<Charge>(l.Source)).ToList();
        Assert.Equal(charges.Select(c => c.LatestChargeId).Order(), chargeLines.Select(c => c.Id).Order());
        Assert.All(chargeLines, c => Assert.Equal(charges.Single(pi => pi.Id == c.PaymentIntentId).Metadata["charge_id"], c.Metadata["charge_id"]));
        var refundLines = lines.Where(l => l.Type == "refund").Select(l => Assert.IsType<Refund>(l.Source)).ToList();
        Assert.All(refundLines, r => Assert.Equal("r-" + r.PaymentIntentId, r.Metadata["refund_id"]));
        Assert.All(refundLines, r => Assert.Equal(charges.Single(pi => pi.Id == r.PaymentIntentId).LatestChargeId, r.ChargeId));
        Assert.Equal(refunds[0].Id, Assert.IsType<Refund>(Assert.Single(lines, l => l.Type == "refund_failure").Source).Id);
        var disputeLines = lines.Where(l => l.Type == "adjustment").ToList();
        Assert.Equal(
            (20, 10),
            (disputeLines.Count(l => l.ReportingCategory == "dispute"), disputeLines.Count(l => l.ReportingCategory == "dispute_reversal")));
        Assert.All(disputeLines, l => Assert.Equal(disputes.Single(d => d.Id == l.SourceId).ChargeId, Assert.IsType<Dispute>(l.Source).ChargeId));
        Assert.All(disputeLines, l => Assert.NotNull(((Dispute)l.Source).PaymentIntentId));
    }

    [Fact]
    public async Task Every_event_parses_into_the_object_of_its_type()
    {
        var card = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, 2000, "usd"));
        var refund = await Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = card.Id, Amount = 500 });
        Stripe.FailRefund(refund.Id);
        var disputed = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, 1500, "gbp", chargeId: "chg-2"));
        Stripe.CloseDispute(((Dispute)Stripe.CreateDispute(disputed.Id)[0].ToStripeEvent().Data.Object).Id, won: true);
        var sepa = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.SepaDebit, chargeId: "chg-3"));
        Stripe.SettlePaymentIntent(sepa.Id, succeed: true);
        Stripe.CreateDispute(sepa.Id);
        Stripe.FailPayout(Stripe.CreatePayout("eur").Id);

        var parsed = Stripe.Events.Select(e => EventUtility.ParseEvent(e.Json, throwOnApiVersionMismatch: false)).ToList();

        Assert.All(parsed, e => Assert.IsType(e.Type switch
        {
            _ when e.Type.StartsWith("charge.dispute.", StringComparison.Ordinal) => typeof(Dispute),
            _ when e.Type.StartsWith("charge.", StringComparison.Ordinal) => typeof(Charge),
            _ when e.Type.StartsWith("refund.", StringComparison.Ordinal) => typeof(Refund),
            _ when e.Type.StartsWith("payout.", StringComparison.Ordinal) => typeof(Payout),
            _ => typeof(PaymentIntent),
        }, e.Data.Object));
        Assert.Equal(
            ["charge.dispute.closed", "charge.dispute.created", "charge.dispute.funds_reinstated", "charge.dispute.funds_withdrawn",
             "charge.refunded", "payment_intent.processing", "payment_intent.succeeded", "payout.created", "payout.failed", "payout.paid",
             "refund.created", "refund.failed", "refund.updated"],
            parsed.Select(e => e.Type).Distinct().Order(StringComparer.Ordinal));
    }
}

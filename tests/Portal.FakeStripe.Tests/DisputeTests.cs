using System.Text.Json.Nodes;
using Stripe;

namespace Portal.FakeStripe.Tests;

public sealed class DisputeTests : FakeStripeTestBase
{
    [Fact]
    public async Task A_card_dispute_withdraws_the_amount_and_the_fee_at_once_and_awaits_a_response()
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 2000));

        var events = Stripe.CreateDispute(pi.Id).Select(e => EventUtility.ParseEvent(e.Json, throwOnApiVersionMismatch: false)).ToList();
        var dispute = await Client.V1.Disputes.GetAsync(((Dispute)events[0].Data.Object).Id, new DisputeGetOptions { Expand = ["charge"] });

        Assert.Equal(["charge.dispute.created", "charge.dispute.funds_withdrawn"], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(dispute.Id, Assert.IsType<Dispute>(e.Data.Object).Id));
        Assert.StartsWith("du_", dispute.Id, StringComparison.Ordinal);
        Assert.Equal((pi.LatestChargeId, pi.Id, 2000L, "eur", "fraudulent", "needs_response"),
            (dispute.ChargeId, dispute.PaymentIntentId, dispute.Amount, dispute.Currency, dispute.Reason, dispute.Status));
        Assert.True(dispute.Charge.Disputed);
        Assert.Equal(dispute.Created.AddDays(7), dispute.EvidenceDetails.DueBy);
        Assert.False(dispute.EvidenceDetails.HasEvidence);
        var withdrawal = Assert.Single(dispute.BalanceTransactions);
        Assert.Equal((-2000L, 1500L, -3500L, "adjustment", "dispute", dispute.Id),
            (withdrawal.Amount, withdrawal.Fee, withdrawal.Net, withdrawal.Type, withdrawal.ReportingCategory, withdrawal.SourceId));
        var fee = Assert.Single(withdrawal.FeeDetails);
        Assert.Equal(("stripe_fee", 1500L, "Dispute fee"), (fee.Type, fee.Amount, fee.Description));
        var refund = await Assert.ThrowsAsync<StripeException>(
            () => Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id }));
        Assert.Equal("charge_disputed", refund.StripeError.Code);
        Assert.Throws<InvalidOperationException>(() => Stripe.CreateDispute(pi.LatestChargeId));
    }

    [Fact]
    public async Task The_evidence_deadline_and_reason_can_be_chosen_and_unknown_reasons_are_refused()
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa));
        var due = new DateTimeOffset(2031, 1, 15, 23, 59, 59, TimeSpan.Zero);

        Assert.Throws<ArgumentException>(() => Stripe.CreateDispute(pi.Id, "angry"));
        var dispute = (Dispute)Stripe.CreateDispute(pi.Id, "product_not_received", due)[0].ToStripeEvent().Data.Object;

        Assert.Equal(("product_not_received", due.UtcDateTime), (dispute.Reason, dispute.EvidenceDetails.DueBy));
        Assert.Equal(("card", "chargeback"), (dispute.PaymentMethodDetails.Type, dispute.PaymentMethodDetails.Card.CaseType));
    }

    [Fact]
    public async Task A_sepa_debit_dispute_is_a_bank_return_lost_at_once()
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.SepaDebit, amount: 3000));
        Stripe.SettlePaymentIntent(pi.Id, succeed: true);

        var events = Stripe.CreateDispute(pi.Id, "debit_not_authorized").Select(e => e.ToStripeEvent()).ToList();
        var dispute = (Dispute)events[^1].Data.Object;

        Assert.Equal(["charge.dispute.created", "charge.dispute.funds_withdrawn", "charge.dispute.closed"], events.Select(e => e.Type));
        Assert.Equal(("lost", "debit_not_authorized"), (dispute.Status, dispute.Reason));
        Assert.Null(dispute.EvidenceDetails.DueBy);
        Assert.False(dispute.EvidenceDetails.HasEvidence);
        Assert.Equal(-4500, Assert.Single(dispute.BalanceTransactions).Net);
        Assert.Throws<InvalidOperationException>(() => Stripe.CloseDispute(dispute.Id, won: true));
    }

    [Fact]
    public async Task Only_a_succeeded_charge_can_be_disputed()
    {
        var processing = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.SepaDebit));

        Assert.Throws<InvalidOperationException>(() => Stripe.CreateDispute(processing.Id));
        Assert.Throws<ArgumentException>(() => Stripe.CreateDispute("pi_missing"));
    }

    [Fact]
    public async Task Disputes_list_by_charge_and_payment_intent_and_page()
    {
        var disputed = new List<(string Charge, string PaymentIntent, string Dispute)>();
        for (var i = 0; i < 5; i++)
        {
            var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 1000 + i, chargeId: $"chg-{i}"));
            disputed.Add((pi.LatestChargeId, pi.Id, ((Dispute)Stripe.CreateDispute(pi.Id)[0].ToStripeEvent().Data.Object).Id));
        }

        var all = new List<Dispute>();
        await foreach (var d in Client.V1.Disputes.ListAutoPagingAsync(new DisputeListOptions { Limit = 2 }))
        {
            all.Add(d);
        }

        var byCharge = await Client.V1.Disputes.ListAsync(new DisputeListOptions { Charge = disputed[1].Charge });
        var byIntent = await Client.V1.Disputes.ListAsync(new DisputeListOptions { PaymentIntent = disputed[3].PaymentIntent });

        Assert.Equal(disputed.Select(d => d.Dispute).Reverse(), all.Select(d => d.Id));
        Assert.Equal(disputed[1].Dispute, Assert.Single(byCharge.Data).Id);
        Assert.Equal(disputed[3].Dispute, Assert.Single(byIntent.Data).Id);
        await Assert.ThrowsAsync<StripeException>(() => Client.V1.Disputes.GetAsync("du_missing"));
    }

    [Fact]
    public async Task Concurrent_disputes_of_one_charge_open_exactly_one()
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa));

        var opened = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            try
            {
                return Stripe.CreateDispute(pi.Id).Count;
            }
            catch (InvalidOperationException)
            {
                return 0;
            }
        })));

        Assert.Equal(2, opened.Sum()); // One dispute's two events.
        Assert.Single((await Client.V1.Disputes.ListAsync()).Data);
        Assert.Single(await Client.V1.BalanceTransactions.ListAsync(new BalanceTransactionListOptions { Type = "adjustment" }));
    }

    [Fact]
    public async Task A_dispute_and_a_payout_have_every_top_level_field_of_their_fixtures()
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa));
        var dispute = (await Client.V1.Disputes.GetAsync(((Dispute)Stripe.CreateDispute(pi.Id)[0].ToStripeEvent().Data.Object).Id)).StripeResponse
            .Content;
        await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 9000, chargeId: "chg-2"));
        var payout = (await Client.V1.Payouts.GetAsync(Stripe.CreatePayout("eur").Id)).StripeResponse.Content;

        Assert.Equal(Keys(FakeStripeFixtures.Json("dispute")), Keys(dispute));
        Assert.Equal(Keys(FakeStripeFixtures.Json("payout")), Keys(payout));
    }

    private static IEnumerable<string> Keys(string json) => JsonNode.Parse(json)!.AsObject().Select(p => p.Key).Order();
}

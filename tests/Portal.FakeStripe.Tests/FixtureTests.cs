using System.Text.Json.Nodes;
using Stripe;
using Stripe.Checkout;

namespace Portal.FakeStripe.Tests;

/// <summary>Stripe.net reads Stripe's own example objects, and the fake's answers keep their shape.</summary>
public sealed class FixtureTests : FakeStripeTestBase
{
    [Fact]
    public void Every_fixture_resource_the_fake_uses_deserialises_with_Stripe_net()
    {
        var session = StripeEntity.FromJson<Session>(FakeStripeFixtures.Json("checkout.session"));
        Assert.Equal(("checkout.session", "payment", "open"), (session.Object, session.Mode, session.Status));
        Assert.NotNull(session.Id);
        Assert.NotNull(session.Url);
        Assert.NotNull(session.PaymentIntentId);
        Assert.NotNull(session.CustomerDetails.Email);
        Assert.NotNull(session.Metadata);

        var pi = StripeEntity.FromJson<PaymentIntent>(FakeStripeFixtures.Json("payment_intent"));
        Assert.Equal((1099L, "usd", "requires_payment_method"), (pi.Amount, pi.Currency, pi.Status));
        Assert.NotNull(pi.ClientSecret);
        Assert.NotNull(pi.LastPaymentError.Type);

        var charge = StripeEntity.FromJson<Charge>(FakeStripeFixtures.Json("charge"));
        Assert.NotNull(charge.BalanceTransactionId);
        Assert.Equal("visa", charge.PaymentMethodDetails.Card.Brand);
        Assert.NotNull(charge.Outcome);
        Assert.NotNull(charge.Refunds);

        var txn = Client.Deserialize<BalanceTransaction>(FakeStripeFixtures.Json("balance_transaction")); // the client's own reader
        Assert.Equal(("charge", "charge", "available"), (txn.Type, txn.ReportingCategory, txn.Status));
        Assert.NotNull(txn.SourceId);
        Assert.NotNull(txn.FeeDetails);

        var customer = StripeEntity.FromJson<Customer>(FakeStripeFixtures.Json("customer"));
        Assert.NotNull(customer.Id);
        Assert.NotNull(customer.InvoiceSettings);

        var stripeEvent = StripeEntity.FromJson<Event>(FakeStripeFixtures.Json("event"));
        Assert.NotNull(stripeEvent.Type);
        Assert.IsType<Plan>(stripeEvent.Data.Object);

        var refund = StripeEntity.FromJson<Refund>(FakeStripeFixtures.Json("refund"));
        Assert.Equal("succeeded", refund.Status);
        Assert.NotNull(refund.ChargeId);

        var payout = StripeEntity.FromJson<Payout>(FakeStripeFixtures.Json("payout"));
        Assert.NotNull(payout.BalanceTransactionId);
        Assert.NotEqual(default, payout.ArrivalDate);

        var dispute = StripeEntity.FromJson<Dispute>(FakeStripeFixtures.Json("dispute"));
        Assert.NotNull(dispute.Id);
        Assert.NotNull(dispute.ChargeId);
        Assert.NotNull(dispute.Evidence);

        var pm = StripeEntity.FromJson<PaymentMethod>(FakeStripeFixtures.Json("payment_method"));
        Assert.NotNull(pm.Card.Last4);
    }

    [Fact]
    public void The_untyped_reader_picks_each_type_from_its_object_field()
    {
        Assert.All(FakeStripeFixtures.UsedResources, resource =>
        {
            var entity = StripeEntity.FromJson(FakeStripeFixtures.Json(resource));
            Assert.NotNull(entity);
            // A deleted object's fixture ("deleted_customer") names the object it was.
            Assert.Equal(resource.Replace("deleted_", "", StringComparison.Ordinal), entity.Object);
        });
    }

    [Theory]
    [InlineData("checkout.session")]
    [InlineData("payment_intent")]
    [InlineData("charge")]
    [InlineData("balance_transaction")]
    [InlineData("customer")]
    [InlineData("refund")]
    public async Task Fake_answers_have_every_top_level_field_of_the_fixture(string resource)
    {
        var session = await Client.V1.Checkout.Sessions.CreateAsync(DonationSession());
        Stripe.CompleteCheckout(session.Id);
        var pi = (await Client.V1.Checkout.Sessions.GetAsync(session.Id)).PaymentIntentId;
        var piRead = await Client.V1.PaymentIntents.GetAsync(pi, new PaymentIntentGetOptions { Expand = ["latest_charge"] });
        var refund = await Client.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi, Amount = 100 });
        var content = resource switch
        {
            "checkout.session" => (await Client.V1.Checkout.Sessions.GetAsync(session.Id)).StripeResponse.Content,
            "payment_intent" => piRead.StripeResponse.Content,
            "charge" => (await Client.V1.Charges.GetAsync(piRead.LatestChargeId)).StripeResponse.Content,
            "balance_transaction" => (await Client.V1.BalanceTransactions.GetAsync(piRead.LatestCharge.BalanceTransactionId)).StripeResponse.Content,
            "customer" => (await Client.V1.Customers.GetAsync(piRead.CustomerId)).StripeResponse.Content,
            _ => refund.StripeResponse.Content,
        };

        var expected = JsonNode.Parse(FakeStripeFixtures.Json(resource))!.AsObject().Select(p => p.Key).Order();
        var actual = JsonNode.Parse(content)!.AsObject().Select(p => p.Key).Order();

        Assert.Equal(expected, actual);
    }
}

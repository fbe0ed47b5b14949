using Portal.Core.Payments;
using Portal.Core.Payments.Events;
using Portal.Core.Payments.Stripe;
using Portal.FakeStripe;

namespace Portal.Core.Tests.Payments.Events;

/// <summary>What each Stripe event (as the fake sends it, in Stripe's shapes) says about our charge.</summary>
public sealed class StripeEventReaderTests : IAsyncLifetime
{
    private readonly Guid chargeId = Guid.NewGuid();
    private FakeStripeServer stripe = null!;

    public async Task InitializeAsync() => stripe = await FakeStripeServer.StartAsync();

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Fact]
    public async Task A_card_checkout_says_succeeded_twice_for_the_same_charge()
    {
        var events = stripe.CompleteCheckout(await SessionAsync());

        var read = events.Select(e => StripeEventReader.Read(StripeEventReader.Parse(e.Json))).ToList();

        Assert.Equal(["checkout.session.completed", "payment_intent.succeeded"], events.Select(e => e.Type));
        Assert.All(read, r => Assert.Equal(PaymentEventKind.Succeeded, r!.Kind));
        Assert.All(read, r => Assert.Equal(chargeId, r!.ChargeId));
        Assert.NotNull(read[0]!.CheckoutSessionId);
        Assert.Equal(read[0]!.PaymentIntentId, read[1]!.PaymentIntentId);
    }

    [Fact]
    public async Task A_SEPA_checkout_is_processing_then_succeeds_or_fails()
    {
        var session = await SessionAsync();
        var started = stripe.CompleteCheckout(session, TestPaymentMethods.SepaDebit)
            .Select(e => StripeEventReader.Read(StripeEventReader.Parse(e.Json))!.Kind);
        var settled = stripe.SettleAsyncPayment(session, succeed: false).Select(e => StripeEventReader.Read(StripeEventReader.Parse(e.Json))!.Kind);

        Assert.All(started, kind => Assert.Equal(PaymentEventKind.Processing, kind));
        Assert.Equal([PaymentEventKind.Failed, PaymentEventKind.AttemptFailed], settled);
    }

    [Fact]
    public async Task A_declined_card_at_checkout_is_one_failed_attempt_with_its_code()
    {
        var events = stripe.CompleteCheckout(await SessionAsync(), TestPaymentMethods.InsufficientFunds);

        var read = StripeEventReader.Read(StripeEventReader.Parse(Assert.Single(events).Json));

        Assert.Equal(PaymentEventKind.AttemptFailed, read!.Kind);
        Assert.Equal("insufficient_funds", read.DeclineCode);
    }

    [Fact]
    public async Task An_event_without_our_metadata_is_not_ours()
    {
        var session = await stripe.CreateClient().V1.Checkout.Sessions.CreateAsync(Options(metadata: []));

        var events = stripe.CompleteCheckout(session.Id);

        Assert.All(events, e => Assert.Null(StripeEventReader.Read(StripeEventReader.Parse(e.Json))));
    }

    [Fact]
    public async Task A_completed_setup_checkout_is_read_as_a_setup_and_a_paid_one_is_not()
    {
        var donorId = Guid.NewGuid();
        var client = stripe.CreateClient();
        var customer = await client.V1.Customers.CreateAsync(new global::Stripe.CustomerCreateOptions { Email = "ada@example.org" });
        var metadata = new Dictionary<string, string> { [PaymentMetadata.DonorId] = donorId.ToString() };
        var setup = await client.V1.Checkout.Sessions.CreateAsync(new global::Stripe.Checkout.SessionCreateOptions
        {
            Mode = "setup",
            Customer = customer.Id,
            SuccessUrl = "http://portal.test/ok",
            Metadata = metadata,
            SetupIntentData = new() { Metadata = metadata },
        });
        var completed = stripe.CompleteSetupCheckout(setup.Id).Single(e => e.Type == "checkout.session.completed");
        var paid = stripe.CompleteCheckout(await SessionAsync()).Single(e => e.Type == "checkout.session.completed");
        var reader = new StripeEventReader();

        var read = reader.ReadSetup(Row(completed.Type, completed.Json));

        Assert.Equal((donorId, setup.Id, customer.Id), (read!.DonorId, read.CheckoutSessionId, read.CustomerId));
        Assert.StartsWith("seti_", read.SetupIntentId, StringComparison.Ordinal);
        Assert.Null(reader.ReadSetup(Row(paid.Type, paid.Json)));
        Assert.Null(reader.ReadSetup(Row("payment_intent.succeeded", completed.Json)));
    }

    private static GatewayEvent Row(string type, string payload) =>
        new() { Gateway = StripeNames.Gateway, EventId = "evt_1", Type = type, Payload = payload };

    private async Task<string> SessionAsync() =>
        (await stripe.CreateClient().V1.Checkout.Sessions
            .CreateAsync(Options(new Dictionary<string, string> { [PaymentMetadata.ChargeId] = chargeId.ToString() }))).Id;

    private static global::Stripe.Checkout.SessionCreateOptions Options(Dictionary<string, string> metadata) => new()
    {
        Mode = "payment",
        SuccessUrl = "http://portal.test/ok",
        Metadata = metadata,
        PaymentIntentData = new() { Metadata = metadata },
        LineItems = [new() { Quantity = 1, PriceData = new() { Currency = "eur", UnitAmount = 1000, ProductData = new() { Name = "Gift" } } }],
    };
}

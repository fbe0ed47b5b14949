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

using System.Net;
using Portal.Testing;
using Stripe;

namespace Portal.FakeStripe.Tests;

public sealed class IdempotencyTests : FakeStripeTestBase
{
    [Fact]
    public async Task A_repeated_key_replays_the_same_PaymentIntent_byte_for_byte_and_creates_nothing()
    {
        var first = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa), Key("charge-chg-1"));
        var second = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa), Key("charge-chg-1"));

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.StripeResponse.Content, second.StripeResponse.Content);
        Assert.Equal(first.StripeResponse.RequestId, second.StripeResponse.RequestId);
        Assert.False(first.StripeResponse.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", second.StripeResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Single(Stripe.PaymentIntents);
        Assert.Single(Stripe.Events);
        Assert.Equal([false, true], Stripe.Requests.ForKey("charge-chg-1").Select(r => r.Replayed));
    }

    [Fact]
    public async Task A_decline_is_replayed_like_a_success()
    {
        var first = await Assert.ThrowsAsync<StripeException>(
            () => Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.InsufficientFunds), Key("k-decline")));
        var second = await Assert.ThrowsAsync<StripeException>(
            () => Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.InsufficientFunds), Key("k-decline")));

        Assert.Equal(first.StripeError.PaymentIntent.Id, second.StripeError.PaymentIntent.Id);
        Assert.Equal(first.StripeResponse.Content, second.StripeResponse.Content);
        Assert.Equal("true", second.StripeResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Single(Stripe.PaymentIntents);
        Assert.Equal([402, 402], Stripe.Requests.ForKey("k-decline").Select(r => r.Status));
    }

    [Fact]
    public async Task A_validation_error_is_stored_and_replayed_too()
    {
        await Assert.ThrowsAsync<StripeException>(() => Client.V1.PaymentIntents.CreateAsync(OffSession("pm_unknown"), Key("k-400")));
        var again = await Assert.ThrowsAsync<StripeException>(() => Client.V1.PaymentIntents.CreateAsync(OffSession("pm_unknown"), Key("k-400")));

        Assert.Equal(HttpStatusCode.BadRequest, again.HttpStatusCode);
        Assert.Equal("true", again.StripeResponse.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task Different_parameters_under_the_same_key_are_an_idempotency_error()
    {
        await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 1500), Key("k-reused"));

        var ex = await Assert.ThrowsAsync<StripeException>(() =>
            Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 1600), Key("k-reused")));

        Assert.Equal(HttpStatusCode.BadRequest, ex.HttpStatusCode);
        Assert.Equal("idempotency_error", ex.StripeError.Type);
        Assert.Single(Stripe.PaymentIntents);
    }

    [Fact]
    public async Task A_concurrent_request_with_the_same_key_gets_409_while_the_first_runs()
    {
        var noRetries = Stripe.CreateClient(maxNetworkRetries: 0);
        Stripe.Latency = TimeSpan.FromMilliseconds(1500);

        var first = noRetries.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa), Key("k-race"));
        await Eventually.TrueAsync(() => Stripe.IdempotencyKeyCount == 1, "the first request to hold its key");
        var ex = await Assert.ThrowsAsync<StripeException>(
            () => noRetries.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa), Key("k-race")));

        Assert.Equal(HttpStatusCode.Conflict, ex.HttpStatusCode);
        Assert.Equal("idempotency_error", ex.StripeError.Type);
        Assert.Equal("succeeded", (await first).Status);
        Assert.Single(Stripe.PaymentIntents);
    }

    [Fact]
    public async Task Stripe_net_retries_a_409_and_then_receives_the_replay()
    {
        Stripe.Latency = TimeSpan.FromMilliseconds(800);

        var first = Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa), Key("k-race"));
        await Eventually.TrueAsync(() => Stripe.IdempotencyKeyCount == 1, "the first request to hold its key");
        var second = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa), Key("k-race"));

        Assert.Equal((await first).Id, second.Id);
        Assert.Single(Stripe.PaymentIntents);
        Assert.Contains(Stripe.Requests.ForKey("k-race"), r => r.Status == 409);
    }

    [Fact]
    public async Task Stripe_net_sends_a_key_on_every_POST_and_none_on_GETs()
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa));
        await Client.V1.PaymentIntents.GetAsync(pi.Id);

        var log = Stripe.Requests.Entries;
        Assert.NotNull(log.Single(r => r.Method == "POST").IdempotencyKey);
        Assert.Null(log.Single(r => r.Method == "GET").IdempotencyKey);
        Assert.Equal(1, Stripe.Requests.Count("GET", $"/v1/payment_intents/{pi.Id}"));
        Assert.Equal(1, Stripe.IdempotencyKeyCount);
    }
}

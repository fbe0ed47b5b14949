using System.Net;
using Stripe;

namespace Portal.FakeStripe.Tests;

public sealed class FaultInjectionTests : FakeStripeTestBase
{
    private const string Charges = "POST /v1/payment_intents";

    [Fact]
    public async Task A_429_surfaces_as_rate_limit_and_stores_nothing()
    {
        Stripe.Faults.Enqueue(Charges, FaultKind.RateLimit);

        var ex = await Assert.ThrowsAsync<StripeException>(() => Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa), Key("k")));
        var afterwards = Stripe.PaymentIntents.Count;
        var retry = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa), Key("k"));

        Assert.Equal((HttpStatusCode)429, ex.HttpStatusCode);
        Assert.Equal("rate_limit", ex.StripeError.Code);
        Assert.Equal("invalid_request_error", ex.StripeError.Type);
        Assert.Equal(0, afterwards);
        Assert.Equal("succeeded", retry.Status);
        Assert.Equal([(429, false), (200, false)], Stripe.Requests.ForKey("k").Select(r => (r.Status, r.Replayed)));
    }

    [Fact]
    public async Task A_500_after_execution_then_a_retry_with_the_same_key_returns_the_original()
    {
        var noRetries = Stripe.CreateClient(maxNetworkRetries: 0);
        Stripe.Faults.Enqueue(Charges, FaultKind.ServerErrorAfterExecution);

        var ex = await Assert.ThrowsAsync<StripeException>(
            () => noRetries.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa), Key("k")));
        var retry = await noRetries.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa), Key("k"));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.HttpStatusCode);
        Assert.Equal("api_error", ex.StripeError.Type);
        Assert.Equal(Assert.Single(Stripe.PaymentIntents).Id, retry.Id);
        Assert.Equal("true", retry.StripeResponse.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task Stripe_net_absorbs_a_500_after_execution_by_retrying_with_its_own_key()
    {
        Stripe.Faults.Enqueue(Charges, FaultKind.ServerErrorAfterExecution);

        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa));

        Assert.Equal(Assert.Single(Stripe.PaymentIntents).Id, pi.Id);
        var attempts = Stripe.Requests.Entries.Where(r => r.Method == "POST").ToList();
        Assert.Equal([(500, false), (200, true)], attempts.Select(r => (r.Status, r.Replayed)));
        Assert.Single(attempts.Select(r => r.IdempotencyKey).Distinct());
    }

    [Fact]
    public async Task A_timeout_after_execution_then_a_retry_with_the_same_key_returns_the_original()
    {
        var impatient = Stripe.CreateClient(maxNetworkRetries: 0, timeout: TimeSpan.FromMilliseconds(500));
        Stripe.Faults.TimeoutHold = TimeSpan.FromSeconds(10);
        Stripe.Faults.Enqueue(Charges, FaultKind.TimeoutAfterExecution);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => impatient.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa), Key("k")));
        var retry = await impatient.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa), Key("k"));

        Assert.True(ex is OperationCanceledException or HttpRequestException or IOException, ex.ToString());
        Assert.Equal(Assert.Single(Stripe.PaymentIntents).Id, retry.Id);
        Assert.Equal("succeeded", retry.Status);
    }

    [Fact]
    public async Task Stripe_net_absorbs_a_timeout_or_a_dropped_connection_by_retrying()
    {
        var impatient = Stripe.CreateClient(maxNetworkRetries: 2, timeout: TimeSpan.FromMilliseconds(500));
        Stripe.Faults.TimeoutHold = TimeSpan.FromSeconds(10);
        Stripe.Faults.Enqueue(Charges, FaultKind.TimeoutAfterExecution);
        Stripe.Faults.Enqueue(Charges, FaultKind.ConnectionResetAfterExecution);

        var pi = await impatient.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa));

        Assert.Equal(Assert.Single(Stripe.PaymentIntents).Id, pi.Id);
        Assert.Equal(2, Stripe.Faults.Injected);
    }

    [Fact]
    public async Task A_503_before_execution_then_a_retry_creates_exactly_one()
    {
        Stripe.Faults.Enqueue(Charges, FaultKind.ServerErrorBeforeExecution, count: 2);

        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa));

        Assert.Equal(Assert.Single(Stripe.PaymentIntents).Id, pi.Id);
        // Nothing was stored by the 503s, so the third attempt executed rather than replayed.
        var attempts = Stripe.Requests.Entries.Where(r => r.Method == "POST").Select(r => (r.Status, r.Replayed));
        Assert.Equal([(503, false), (503, false), (200, false)], attempts);
    }

    [Fact]
    public async Task Predicates_and_random_mode_choose_which_requests_fail()
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa));
        Stripe.Faults.Random(1.0, [FaultKind.RateLimit], seed: 1, filter: c => c.Method == "GET");

        var get = await Assert.ThrowsAsync<StripeException>(() => Client.V1.PaymentIntents.GetAsync(pi.Id));
        var post = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa));
        Stripe.Faults.StopRandom();
        Stripe.Faults.Enqueue(c => c.Path.EndsWith(post.Id, StringComparison.Ordinal), FaultKind.RateLimit);
        var other = await Client.V1.PaymentIntents.GetAsync(pi.Id);

        Assert.Equal("rate_limit", get.StripeError.Code);
        Assert.Equal("succeeded", post.Status);
        Assert.Equal(pi.Id, other.Id);
        await Assert.ThrowsAsync<StripeException>(() => Client.V1.PaymentIntents.GetAsync(post.Id));
    }
}

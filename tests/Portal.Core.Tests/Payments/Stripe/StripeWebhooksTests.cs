using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Payments.Stripe;
using Portal.FakeStripe;

namespace Portal.Core.Tests.Payments.Stripe;

/// <summary>Webhook signatures checked with Stripe's real scheme on the raw body.</summary>
public sealed class StripeWebhooksTests : IAsyncLifetime
{
    private const string Secret = "whsec_test_portal";
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly StripeWebhooks webhooks = new(Options.Create(new StripeOptions { WebhookSecret = Secret }), new FakeTimeProvider(Now));
    private FakeStripeServer stripe = null!;
    private string payload = "";
    private IReadOnlyList<FakeEvent> events = [];

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        var session = await stripe.CreateClient().V1.Checkout.Sessions.CreateAsync(new global::Stripe.Checkout.SessionCreateOptions
        {
            Mode = "payment",
            SuccessUrl = "http://portal.test/ok",
            LineItems = [new() { Quantity = 1, PriceData = new() { Currency = "eur", UnitAmount = 1000, ProductData = new() { Name = "Gift" } } }],
        });
        events = stripe.CompleteCheckout(session.Id);
        payload = events[0].Json;
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Fact]
    public void A_correctly_signed_event_is_verified()
    {
        var result = webhooks.Verify(payload, FakeWebhook.Sign(payload, Secret, Now));

        var verified = Assert.IsType<WebhookVerification.Verified>(result);
        Assert.Equal("checkout.session.completed", verified.Type);
        Assert.StartsWith("evt_", verified.EventId, StringComparison.Ordinal);
    }

    [Fact]
    public void A_verified_event_names_the_payment_it_is_about_as_the_inbox_reads_it()
    {
        // A checkout's completion and its payment's success are about one payment intent: the session names it, the
        // payment intent's event is its own. Read in the webhook's one pass, as StripeOrderKey reads a stored payload.
        var intent = Assert.Single(stripe.PaymentIntents).Id;
        Assert.Equal(["checkout.session.completed", "payment_intent.succeeded"], events.Select(e => e.Type).Order(StringComparer.Ordinal));
        foreach (var delivered in events)
        {
            var signature = FakeWebhook.Sign(delivered.Json, Secret, Now);
            var verified = Assert.IsType<WebhookVerification.Verified>(webhooks.Verify(delivered.Json, signature));

            Assert.Equal(intent, verified.OrderKey);
            Assert.Equal(StripeOrderKey.Of(delivered.Type, delivered.Json), verified.OrderKey);
        }
    }

    [Fact]
    public void A_verified_event_carries_the_time_it_was_created()
    {
        var created = System.Text.Json.JsonDocument.Parse(payload).RootElement.GetProperty("created").GetInt64();

        var verified = Assert.IsType<WebhookVerification.Verified>(webhooks.Verify(payload, FakeWebhook.Sign(payload, Secret, Now)));

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(created).UtcDateTime, verified.Created);
        Assert.Equal(DateTimeKind.Utc, verified.Created.Kind);
    }

    [Theory]
    [InlineData("\"object\":\"event\"", "\"object\":\"v2.core.event\"", "\"object\"")]
    [InlineData("\"created\":", "\"created\":1.5,\"was\":", "\"created\"")]
    [InlineData("\"created\":", "\"created\":\"soon\",\"was\":", "\"created\"")]
    [InlineData("\"api_version\":", "\"api_version\":null,\"was\":", "\"api_version\"")]
    [InlineData("\"data\":", "\"data\":[],\"was\":", "\"data.object\"")]
    [InlineData("\"data\":{\"object\":", "\"data\":{\"object\":42,\"was\":", "\"data.object\"")]
    public void A_signed_event_of_the_wrong_outline_is_rejected_with_the_field_it_lacks(string part, string replacement, string field)
    {
        var body = payload.Replace(part, replacement, StringComparison.Ordinal);
        Assert.NotEqual(payload, body);

        var result = webhooks.Verify(body, FakeWebhook.Sign(body, Secret, Now));

        Assert.Contains(field, Assert.IsType<WebhookVerification.Rejected>(result).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_body_is_rejected()
    {
        var header = FakeWebhook.Sign(payload, Secret, Now);

        Assert.IsType<WebhookVerification.Rejected>(
            webhooks.Verify(payload.Replace("\"amount_total\":1000", "\"amount_total\":1", StringComparison.Ordinal), header));
    }

    [Fact]
    public void A_signature_made_with_another_secret_is_rejected()
    {
        Assert.IsType<WebhookVerification.Rejected>(webhooks.Verify(payload, FakeWebhook.Sign(payload, "whsec_forger", Now)));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void A_signature_outside_five_minutes_is_rejected(int seconds)
    {
        Assert.IsType<WebhookVerification.Rejected>(webhooks.Verify(payload, FakeWebhook.Sign(payload, Secret, Now.AddSeconds(seconds))));
    }

    [Fact]
    public void A_signature_within_five_minutes_is_accepted()
    {
        Assert.IsType<WebhookVerification.Verified>(webhooks.Verify(payload, FakeWebhook.Sign(payload, Secret, Now.AddSeconds(-290))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("t=1,v1=deadbeef")]
    [InlineData("garbage")]
    public void A_missing_or_malformed_signature_is_rejected(string? header)
    {
        Assert.IsType<WebhookVerification.Rejected>(webhooks.Verify(payload, header));
    }

    [Fact]
    public void An_event_of_another_API_release_is_rejected_rather_than_misread()
    {
        var other = payload.Replace(global::Stripe.StripeConfiguration.ApiVersion, "2025-09-30.clover", StringComparison.Ordinal);

        var result = webhooks.Verify(other, FakeWebhook.Sign(other, Secret, Now));

        Assert.Contains("API version", Assert.IsType<WebhookVerification.Rejected>(result).Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_signed_body_that_is_not_an_event_is_rejected()
    {
        const string body = "not json at all";

        Assert.IsType<WebhookVerification.Rejected>(webhooks.Verify(body, FakeWebhook.Sign(body, Secret, Now)));
    }
}

using System.Net;
using Stripe;
using Stripe.Checkout;

namespace Portal.FakeStripe.Tests;

public sealed class EventsAndWebhookTests : FakeStripeTestBase
{
    [Fact]
    public void Sign_matches_Stripe_nets_own_signature()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1_790_000_000);
        const string payload = "{\"id\":\"evt_1\"}";

        var header = FakeWebhook.Sign(payload, WebhookSecret, at);

        Assert.Equal($"t=1790000000,v1={EventUtility.ComputeSignature(WebhookSecret, "1790000000", payload)}", header);
        Assert.Equal(EventUtility.GenerateSignatureHeader(payload, WebhookSecret, 1_790_000_000), header);
        Assert.Matches("^t=1790000000,v1=[0-9a-f]{64}$", header);
    }

    [Fact]
    public async Task Deliver_posts_the_exact_payload_with_a_verifiable_signature()
    {
        var session = await Client.V1.Checkout.Sessions.CreateAsync(DonationSession());
        var completed = Stripe.CompleteCheckout(session.Id)[0];
        var endpoint = new CapturingHandler();
        using var http = new HttpClient(endpoint);

        using var response = await FakeWebhook.DeliverAsync(http, new Uri("http://portal.test/webhooks/stripe"), completed, WebhookSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpMethod.Post, endpoint.Method);
        Assert.Equal("/webhooks/stripe", endpoint.Path);
        Assert.Equal(completed.Json, endpoint.Body);
        var parsed = EventUtility.ConstructEvent(endpoint.Body!, endpoint.Signature!, WebhookSecret, 300, true);
        Assert.Equal(completed.Id, parsed.Id);
    }

    [Fact]
    public async Task Events_are_served_by_id_and_listed_newest_first_with_filters()
    {
        var one = await Client.V1.Checkout.Sessions.CreateAsync(DonationSession());
        var two = await Client.V1.Checkout.Sessions.CreateAsync(DonationSession());
        var first = Stripe.CompleteCheckout(one.Id);
        Stripe.CompleteCheckout(two.Id);

        var byId = await Client.V1.Events.GetAsync(first[0].Id);
        var all = await Client.V1.Events.ListAsync();
        var completed = await Client.V1.Events.ListAsync(new EventListOptions { Type = "checkout.session.completed" });
        var wildcard = await Client.V1.Events.ListAsync(new EventListOptions { Type = "payment_intent.*" });
        var future = await Client.V1.Events
            .ListAsync(new EventListOptions { Created = new DateRangeOptions { GreaterThanOrEqual = DateTime.UtcNow.AddHours(1) } });
        var recent = await Client.V1.Events
            .ListAsync(new EventListOptions { Created = new DateRangeOptions { GreaterThanOrEqual = DateTime.UtcNow.AddHours(-1) } });
        var paged = new List<Event>();
        await foreach (var e in Client.V1.Events.ListAutoPagingAsync(new EventListOptions { Limit = 3 }))
        {
            paged.Add(e);
        }

        Assert.Equal(first[0].Json, byId.StripeResponse.Content);
        Assert.Equal(one.Id, Assert.IsType<Session>(byId.Data.Object).Id);
        Assert.Equal(Stripe.Events.Reverse().Select(e => e.Id), all.Data.Select(e => e.Id));
        Assert.Equal(2, completed.Data.Count);
        Assert.All(wildcard.Data, e => Assert.StartsWith("payment_intent.", e.Type, StringComparison.Ordinal));
        Assert.Empty(future.Data);
        Assert.Equal(4, recent.Data.Count);
        Assert.Equal(all.Data.Select(e => e.Id), paged.Select(e => e.Id));
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public HttpMethod? Method { get; private set; }

        public string? Path { get; private set; }

        public string? Body { get; private set; }

        public string? Signature { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Method = request.Method;
            Path = request.RequestUri!.AbsolutePath;
            Body = await request.Content!.ReadAsStringAsync(cancellationToken);
            Signature = request.Headers.GetValues(FakeWebhook.SignatureHeader).Single();
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}

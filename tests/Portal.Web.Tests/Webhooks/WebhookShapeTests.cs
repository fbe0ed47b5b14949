using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.FakeStripe;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Webhooks;

/// <summary>
/// A body signed with the right secret that is valid JSON but not a Stripe event gets 400 with a reason, never 500
/// (Stripe retries a 5xx for days), and stores nothing.
/// </summary>
public class WebhookShapeTests(SharedStripePortal shared) : IClassFixture<SharedStripePortal>
{
    public static TheoryData<string> Bodies => new()
    {
        "[]",
        "{}",
        "\"x\"",
        "42",
        "null",
        "true",
        "{\"object\":\"event\"}",
        "{\"id\":\"evt_1\"}",
        "{\"type\":\"charge.succeeded\"}",
        "{\"id\":42,\"type\":[],\"object\":\"event\"}",
        "{\"id\":\"evt_1\",\"type\":\"charge.succeeded\",\"object\":\"event\",\"api_version\":\"2025-09-30.clover\",\"created\":\"soon\"}",
        "{\"id\":\"evt_1\",\"type\":\"charge.succeeded\",\"object\":\"event\",\"created\":1700000000,\"data\":[]}",
        "{\"id\":\"evt_1\",\"type\":\"charge.succeeded\",\"object\":\"event\",\"created\":1700000000,\"data\":{\"object\":42}}",
        "{\"id\":\"\",\"type\":\"\",\"object\":\"event\",\"created\":1700000000,\"data\":{\"object\":{}}}",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_signed_body_that_is_not_an_event_is_refused_with_a_reason(string body)
    {
        var stripe = await shared.GetAsync();
        var stored = await stripe.Portal.QueryAsync(db => db.GatewayEvents.CountAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Stripe-Signature", FakeWebhook.Sign(body, StripePortal.WebhookSecret, DateTimeOffset.UtcNow));

        var response = await stripe.Portal.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
        Assert.Equal(stored, await stripe.Portal.QueryAsync(db => db.GatewayEvents.CountAsync()));
    }
}

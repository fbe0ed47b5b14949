using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.FakeStripe;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Webhooks;

/// <summary>A delivery that Stripe did not sign, or that someone changed, gets 400 and stores nothing. The attacks share one portal.</summary>
public class WebhookSecurityTests(SharedStripePortal shared) : IClassFixture<SharedStripePortal>
{
    public static TheoryData<string> Attacks => new() { "forged", "tampered", "stale", "unsigned", "garbage" };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task A_bad_delivery_is_refused_and_stores_nothing(string attack)
    {
        var stripe = await shared.GetAsync();
        var stored = await stripe.Portal.QueryAsync(db => db.GatewayEvents.CountAsync());
        var sessionId = await StripePathTests.StartCheckoutAsync(stripe, Donors.SponsorForm(SharedPortal.Email()));
        var payload = stripe.Stripe.CompleteCheckout(sessionId)[0].Json;
        var (body, signature) = attack switch
        {
            "forged" => (payload, FakeWebhook.Sign(payload, "whsec_someone_else", DateTimeOffset.UtcNow)),
            "tampered" => (payload.Replace("\"paid\"", "\"unpaid\"", StringComparison.Ordinal), FakeWebhook.Sign(
                payload,
                StripePortal.WebhookSecret,
                DateTimeOffset.UtcNow)),
            "stale" => (payload, FakeWebhook.Sign(payload, StripePortal.WebhookSecret, DateTimeOffset.UtcNow.AddMinutes(-6))),
            "unsigned" => (payload, null),
            _ => ("{\"not\":\"an event\"", FakeWebhook.Sign("{\"not\":\"an event\"", StripePortal.WebhookSecret, DateTimeOffset.UtcNow)),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json")
        };
        if (signature is not null)
        {
            request.Headers.Add("Stripe-Signature", signature);
        }

        var response = await stripe.Portal.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
        Assert.Equal(stored, await stripe.Portal.QueryAsync(db => db.GatewayEvents.CountAsync()));
    }

    [Fact]
    public async Task The_Stripe_endpoint_is_absent_while_the_sandbox_is_the_gateway()
    {
        await using var portal = await PortalFactory.CreateAsync();

        var response = await portal.CreateClient().PostAsync("/webhooks/stripe", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await portal.QueryAsync(db => db.GatewayEvents.CountAsync()));
    }
}

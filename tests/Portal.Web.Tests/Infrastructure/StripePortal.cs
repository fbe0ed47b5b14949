using Portal.Core.Data;
using Portal.FakeStripe;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>The portal configured for Stripe, pointed at the in-repo fake Stripe server.</summary>
public sealed class StripePortal : IAsyncDisposable
{
    public const string WebhookSecret = "whsec_portal_tests";

    private StripePortal(FakeStripeServer stripe, PortalFactory portal)
    {
        Stripe = stripe;
        Portal = portal;
    }

    public FakeStripeServer Stripe { get; }

    public PortalFactory Portal { get; }

    /// <param name="overrides">More settings, such as limits a test wants lower.</param>
    public static async Task<StripePortal> CreateAsync(
        DatabaseProvider provider = DatabaseProvider.Sqlite,
        IDictionary<string, string?>? overrides = null)
    {
        var stripe = await FakeStripeServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Payments:Gateway"] = "Stripe",
            ["Stripe:SecretKey"] = stripe.ApiKey,
            ["Stripe:WebhookSecret"] = WebhookSecret,
            ["Stripe:ApiBase"] = stripe.BaseUrl,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new StripePortal(stripe, await PortalFactory.CreateAsync(provider, settings));
    }

    /// <summary>Delivers events to /webhooks/stripe as Stripe would, signed with the endpoint's secret.</summary>
    public async Task DeliverAsync(IEnumerable<FakeEvent> events)
    {
        using var client = Portal.CreateClient();
        foreach (var stripeEvent in events)
        {
            using var response = await FakeWebhook.DeliverAsync(client, new Uri(client.BaseAddress!, "/webhooks/stripe"), stripeEvent, WebhookSecret);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync();
                Assert.Fail($"webhook {stripeEvent.Type} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 4000)]}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}

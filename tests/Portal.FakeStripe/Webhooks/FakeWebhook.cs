using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portal.FakeStripe;

/// <summary>
/// Stripe's webhook signing (https://docs.stripe.com/webhooks#verify-manually): the <c>Stripe-Signature</c>
/// header is <c>t={unix seconds},v1={lower-case hex HMAC-SHA256 of "{t}.{payload}" keyed by the endpoint secret}</c>.
/// </summary>
public static class FakeWebhook
{
    public const string SignatureHeader = "Stripe-Signature";

    public static string Sign(string payload, string secret, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(secret);
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{payload}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>
    /// POSTs <paramref name="payload"/> to <paramref name="endpoint"/> signed as Stripe would, through the caller's
    /// client (e.g. a WebApplicationFactory client), and returns the endpoint's answer.
    /// </summary>
    public static async Task<HttpResponseMessage> DeliverAsync(HttpClient client, Uri endpoint, string payload, string secret,
        DateTimeOffset? timestamp = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(SignatureHeader, Sign(payload, secret, timestamp ?? DateTimeOffset.UtcNow));
        request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        return await client.SendAsync(request, cancellationToken);
    }

    /// <summary>Delivers one event the fake produced.</summary>
    public static Task<HttpResponseMessage> DeliverAsync(HttpClient client, Uri endpoint, FakeEvent stripeEvent, string secret,
        DateTimeOffset? timestamp = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        return DeliverAsync(client, endpoint, stripeEvent.Json, secret, timestamp, cancellationToken);
    }
}

using Microsoft.Extensions.Options;
using Stripe;

namespace Portal.Core.Payments.Stripe;

/// <summary>Verifies a webhook delivery on its raw body with Stripe's signature scheme (300 s tolerance).</summary>
public sealed class StripeWebhooks(IOptions<StripeOptions> options, TimeProvider clock)
{
    public const long ToleranceSeconds = 300;

    public WebhookVerification Verify(string body, string? signatureHeader)
    {
        if (string.IsNullOrEmpty(signatureHeader))
        {
            return new WebhookVerification.Rejected("The Stripe-Signature header is missing.");
        }

        try
        {
            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            EventUtility.ValidateSignature(body, signatureHeader, options.Value.WebhookSecret, ToleranceSeconds, now);
        }
        catch (StripeException error)
        {
            // The message says which check failed: no signature matched, or the timestamp is outside the tolerance.
            return new WebhookVerification.Rejected(error.Message);
        }
        catch (Exception error) when (error is FormatException or OverflowException or ArgumentException)
        {
            // A header of the right outline whose timestamp is not a number.
            return new WebhookVerification.Rejected($"The Stripe-Signature header is malformed ({error.GetType().Name}).");
        }

        // The outline is all the webhook needs to store the event, read in one pass: Stripe.net's full parse of the
        // object (several times the signature's cost on a checkout session) is left to the applier, which reads it.
        if (WebhookShape.Read(body, out var problem) is not { } outline)
        {
            return new WebhookVerification.Rejected(problem);
        }

        // Stripe.net reads the objects of its own API release only; an event of another would be misread.
        return EventUtility.IsCompatibleApiVersion(outline.ApiVersion)
            ? new WebhookVerification.Verified(outline.Id, outline.Type, outline.Created, outline.OrderKey)
            : new WebhookVerification.Rejected(
                $"The event was sent on API version {outline.ApiVersion}, but this portal's Stripe.net "
                    + $"{StripeConfiguration.StripeNetVersion} reads API version {StripeConfiguration.ApiVersion}: "
                    + "create the webhook endpoint on that version.");
    }
}

public abstract record WebhookVerification
{
    private WebhookVerification()
    {
    }

    /// <param name="OrderKey">The payment the event is about (<see cref="StripeOrderKey"/>), read in the same pass.</param>
    public sealed record Verified(string EventId, string Type, DateTime Created, string? OrderKey) : WebhookVerification;

    public sealed record Rejected(string Reason) : WebhookVerification;
}

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
            if (WebhookShape.Problem(body) is { } problem)
            {
                return new WebhookVerification.Rejected(problem);
            }

            var stripeEvent = EventUtility.ConstructEvent(
                body,
                signatureHeader,
                options.Value.WebhookSecret,
                ToleranceSeconds,
                now,
                throwOnApiVersionMismatch: true);
            return new WebhookVerification.Verified(stripeEvent.Id, stripeEvent.Type, stripeEvent.Created);
        }
        catch (StripeException error)
        {
            // The message says which check failed: no signature matched, the timestamp is outside the tolerance, or
            // the event was sent on another API version (the endpoint must be created on *.endive).
            return new WebhookVerification.Rejected(error.Message);
        }
        catch (System.Text.Json.JsonException)
        {
            return new WebhookVerification.Rejected("The body is not a Stripe event.");
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return new WebhookVerification.Rejected("The body is not a Stripe event.");
        }
        catch (Exception error) when (error is InvalidCastException or FormatException or ArgumentException or InvalidOperationException)
        {
            // A signed body of the right outline whose fields have the wrong kinds: Stripe.net's parser throws these.
            return new WebhookVerification.Rejected($"The body is not a Stripe event ({error.GetType().Name}).");
        }
    }
}

public abstract record WebhookVerification
{
    private WebhookVerification()
    {
    }

    public sealed record Verified(string EventId, string Type, DateTime Created) : WebhookVerification;

    public sealed record Rejected(string Reason) : WebhookVerification;
}

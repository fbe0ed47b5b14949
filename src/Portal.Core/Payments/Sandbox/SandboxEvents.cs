using System.Text.Json.Nodes;
using Portal.Core.Payments.Events;
using Portal.Core.Payments.Stripe;

namespace Portal.Core.Payments.Sandbox;

/// <summary>
/// Writes the events Stripe would send for a sandbox payment, in Stripe's own shapes, into the same inbox that
/// Stripe's webhooks feed. The sandbox is trusted (it runs in-process), so its events need no signature.
/// </summary>
internal static class SandboxEvents
{
    public static GatewayEvent Session(string type, SandboxPayment payment, DateTime now) =>
        Envelope(type, SessionObject(payment), now);

    public static GatewayEvent PaymentIntent(string type, SandboxPayment payment, DateTime now) =>
        Envelope(type, PaymentIntentObject(payment), now);

    /// <summary>The events Stripe sends when a checkout is paid by card: the session and the payment intent.</summary>
    public static IEnumerable<GatewayEvent> CheckoutPaid(SandboxPayment payment, DateTime now) =>
    [
        Session(GatewayEventTypes.CheckoutSessionCompleted, payment, now),
        PaymentIntent(GatewayEventTypes.PaymentIntentSucceeded, payment, now),
    ];

    /// <summary>What Stripe sends when a setup-mode checkout saved a method: the completed session, with its SetupIntent.</summary>
    public static GatewayEvent SetupCompleted(SandboxPayment setup, DateTime now)
    {
        var metadata = new JsonObject { [PaymentMetadata.DonorId] = setup.DonorId.ToString() };
        var session = new JsonObject
        {
            ["id"] = setup.CheckoutSessionId,
            ["object"] = "checkout.session",
            ["mode"] = "setup",
            ["status"] = "complete",
            ["payment_status"] = "no_payment_required",
            ["currency"] = setup.Currency.ToLowerInvariant(),
            ["customer"] = setup.CustomerId,
            ["setup_intent"] = setup.Id,
            ["client_reference_id"] = setup.DonorId.ToString(),
            ["livemode"] = false,
            ["metadata"] = metadata,
        };
        return Envelope(GatewayEventTypes.CheckoutSessionCompleted, session, now);
    }

    private static GatewayEvent Envelope(string type, JsonObject dataObject, DateTime now)
    {
        var id = SandboxIds.New("evt");
        var json = new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = StripeEventReader.ApiVersion,
            ["created"] = new DateTimeOffset(now).ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["pending_webhooks"] = 0,
            ["type"] = type,
            ["data"] = new JsonObject { ["object"] = dataObject },
        };
        var payload = json.ToJsonString();
        return new GatewayEvent
        {
            Gateway = SandboxNames.Gateway,
            EventId = id,
            Type = type,
            Payload = payload,
            OccurredAt = now,
            ReceivedAt = now,
            NextAttemptAt = now,
            OrderKey = StripeOrderKey.Of(type, payload),
        };
    }

    private static JsonObject SessionObject(SandboxPayment payment) => new()
    {
        ["id"] = payment.CheckoutSessionId,
        ["object"] = "checkout.session",
        ["mode"] = "payment",
        ["submit_type"] = "donate",
        ["status"] = payment.Status is SandboxPaymentStatus.Open or SandboxPaymentStatus.RequiresAction ? "open" : "complete",
        ["payment_status"] = payment.Status == SandboxPaymentStatus.Succeeded ? "paid" : "unpaid",
        ["amount_total"] = payment.AmountMinor,
        ["currency"] = payment.Currency.ToLowerInvariant(),
        ["customer"] = payment.CustomerId,
        ["payment_intent"] = payment.Id,
        ["client_reference_id"] = payment.SponsorshipId.ToString(),
        ["livemode"] = false,
        ["metadata"] = Metadata(payment),
    };

    private static JsonObject PaymentIntentObject(SandboxPayment payment)
    {
        var intent = new JsonObject
        {
            ["id"] = payment.Id,
            ["object"] = "payment_intent",
            ["amount"] = payment.AmountMinor,
            ["currency"] = payment.Currency.ToLowerInvariant(),
            ["status"] = SandboxGateway.StripeStatus(payment.Status),
            ["customer"] = payment.CustomerId,
            ["payment_method"] = payment.PaymentMethodId,
            ["description"] = payment.Description,
            ["livemode"] = false,
            ["metadata"] = Metadata(payment),
        };
        if (payment.DeclineCode is not null)
        {
            intent["last_payment_error"] = new JsonObject
            {
                ["type"] = "card_error",
                ["code"] = payment.DeclineCode,
                ["decline_code"] = payment.DeclineCode,
                ["message"] = payment.FailureMessage,
            };
            if (payment.PaymentMethodNumber is { } number)
            {
                // Like Stripe's: the card that was declined, with a fingerprint that is the same for the same number.
                intent["last_payment_error"]!["payment_method"] = new JsonObject
                {
                    ["id"] = payment.PaymentMethodId ?? "pm_sandbox_declined",
                    ["object"] = "payment_method",
                    ["type"] = "card",
                    ["card"] = new JsonObject { ["fingerprint"] = SandboxCards.Fingerprint(number) },
                };
            }
        }

        return intent;
    }

    private static JsonObject Metadata(SandboxPayment payment)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in PaymentMetadata.For(payment.ChargeId, payment.SponsorshipId, payment.DonorId, payment.FundId, payment.Attempt))
        {
            metadata[key] = value;
        }

        return metadata;
    }
}

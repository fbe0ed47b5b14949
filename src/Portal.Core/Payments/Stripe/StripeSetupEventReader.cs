using System.Text.Json;
using Portal.Core.Payments.Events;
using Stripe.Checkout;

namespace Portal.Core.Payments.Stripe;

/// <summary>
/// Finds, in a <c>checkout.session.completed</c>, a setup-mode session carrying our donor id (from Stripe or the
/// sandbox). Anything else is a payment, read by <see cref="StripeEventReader"/>.
/// </summary>
internal static class StripeSetupEventReader
{
    public static SetupEvent? Read(GatewayEvent row)
    {
        // Every completed checkout is asked whether it is a setup's before it is applied; most are payments', and
        // Stripe.net's full parse of a session costs several times a look at its mode.
        if (row.Type != GatewayEventTypes.CheckoutSessionCompleted || !IsSetupMode(row.Payload))
        {
            return null;
        }

        return StripeEventReader.Parse(row.Payload).Data.Object is Session { Mode: "setup", SetupIntentId: { } setupIntentId } session
            && session.Metadata is { } metadata
            && metadata.TryGetValue(PaymentMetadata.DonorId, out var text) && Guid.TryParse(text, out var donorId)
            ? new SetupEvent(donorId, session.Id, setupIntentId, session.CustomerId)
            : null;
    }

    private static bool IsSetupMode(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("object", out var session) && session.ValueKind == JsonValueKind.Object
                && session.TryGetProperty("mode", out var mode) && mode.ValueKind == JsonValueKind.String && mode.GetString() == "setup";
        }
        catch (JsonException)
        {
            // Not for this reader to judge: the full parse that follows says what is wrong with it.
            return true;
        }
    }
}

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
        if (row.Type != GatewayEventTypes.CheckoutSessionCompleted)
        {
            return null;
        }

        return StripeEventReader.Parse(row.Payload).Data.Object is Session { Mode: "setup", SetupIntentId: { } setupIntentId } session
            && session.Metadata is { } metadata
            && metadata.TryGetValue(PaymentMetadata.DonorId, out var text) && Guid.TryParse(text, out var donorId)
            ? new SetupEvent(donorId, session.Id, setupIntentId, session.CustomerId)
            : null;
    }
}

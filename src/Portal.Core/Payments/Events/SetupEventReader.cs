using Stripe;
using Stripe.Checkout;

namespace Portal.Core.Payments.Events;

/// <summary>A donor saved a new payment method on a setup-mode checkout the portal started.</summary>
public sealed record SetupEvent(Guid DonorId, string CheckoutSessionId, string SetupIntentId, string? CustomerId);

/// <summary>
/// Finds, among stored events, the <c>checkout.session.completed</c> of a setup-mode session carrying our donor id
/// (from Stripe or the sandbox). Everything else is left to <see cref="StripeEventReader"/>.
/// </summary>
public static class SetupEventReader
{
    public static SetupEvent? Read(GatewayEvent row)
    {
        if (row.Type != EventTypes.CheckoutSessionCompleted)
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

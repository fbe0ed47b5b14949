using Portal.Core.Payments.Events;
using Stripe;
using Stripe.Checkout;

namespace Portal.Core.Payments.Stripe;

/// <summary>
/// Reads a stored Stripe-shaped event (from Stripe, or from the local sandbox, which speaks the same shapes) into what
/// it says in the portal's terms. Null means the event is not about anything of ours and is ignored.
/// </summary>
public sealed class StripeEventReader : IGatewayEventReader
{
    /// <summary>The API version the sandbox writes on its events, as Stripe.net speaks it.</summary>
    public static string ApiVersion => StripeConfiguration.ApiVersion;

    public PaymentEvent? ReadPayment(GatewayEvent row) => Read(Parse(row.Payload));

    public SetupEvent? ReadSetup(GatewayEvent row) => StripeSetupEventReader.Read(row);

    public FinanceEvent? ReadFinance(GatewayEvent row) => StripeFinanceEventReader.Read(row);

    /// <summary>Parses a payload whose signature was checked when it was stored.</summary>
    public static Event Parse(string payload) => EventUtility.ParseEvent(payload, throwOnApiVersionMismatch: false);

    public static PaymentEvent? Read(Event stripeEvent) => stripeEvent.Data.Object switch
    {
        Session session => FromSession(stripeEvent.Type, session),
        PaymentIntent intent => FromPaymentIntent(stripeEvent.Type, intent),
        _ => null,
    };

    private static PaymentEvent? FromSession(string type, Session session)
    {
        var chargeId = PaymentMetadata.ChargeIdFrom(session.Metadata);
        PaymentEventKind? kind = type switch
        {
            EventTypes.CheckoutSessionCompleted when session.PaymentStatus == "paid" => PaymentEventKind.Succeeded,
            EventTypes.CheckoutSessionCompleted when session.PaymentStatus == "unpaid" => PaymentEventKind.Processing,
            EventTypes.CheckoutSessionAsyncPaymentSucceeded => PaymentEventKind.Succeeded,
            EventTypes.CheckoutSessionAsyncPaymentFailed => PaymentEventKind.Failed,
            _ => null,
        };
        return kind is null || chargeId is null
            ? null
            : new PaymentEvent(
                kind.Value,
                chargeId.Value,
                session.Id,
                session.PaymentIntentId,
                session.CustomerId,
                null,
                null,
                PaymentMetadata.AttemptFrom(session.Metadata));
    }

    private static PaymentEvent? FromPaymentIntent(string type, PaymentIntent intent)
    {
        var chargeId = PaymentMetadata.ChargeIdFrom(intent.Metadata);
        PaymentEventKind? kind = type switch
        {
            EventTypes.PaymentIntentSucceeded => PaymentEventKind.Succeeded,
            EventTypes.PaymentIntentProcessing => PaymentEventKind.Processing,
            EventTypes.PaymentIntentPaymentFailed => PaymentEventKind.AttemptFailed,
            _ => null,
        };
        var error = intent.LastPaymentError;
        return kind is null || chargeId is null
            ? null
            : new PaymentEvent(
                kind.Value,
                chargeId.Value,
                null,
                intent.Id,
                intent.CustomerId,
                error?.DeclineCode ?? error?.Code,
                error?.Message,
                PaymentMetadata.AttemptFrom(intent.Metadata),
                error?.PaymentMethod?.Card?.Fingerprint);
    }
}

using Portal.Core.Payments.Events;

namespace Portal.Core.Payments.Stripe;

/// <summary>Which payment, dispute or payout a refund, dispute or payout event is about.</summary>
internal static class StripeFinanceEventReader
{
    public static FinanceEvent? Read(GatewayEvent row) => StripeEventReader.Parse(row.Payload).Data.Object switch
    {
        global::Stripe.Charge { PaymentIntentId: { } intent } => new FinanceEvent(FinanceEventKind.Refunds, intent),
        global::Stripe.Refund { PaymentIntentId: { } intent } => new FinanceEvent(FinanceEventKind.Refunds, intent),
        global::Stripe.Dispute dispute => new FinanceEvent(FinanceEventKind.Dispute, dispute.Id),
        global::Stripe.Payout payout => new FinanceEvent(FinanceEventKind.Payout, payout.Id),
        _ => null,
    };
}

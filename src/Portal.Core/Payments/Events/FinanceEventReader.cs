using Stripe;

namespace Portal.Core.Payments.Events;

/// <summary>What a refund, dispute or payout event is about: only an id, since the gateway is read afresh to apply it.</summary>
public sealed record FinanceEvent(FinanceEventKind Kind, string Id);

public enum FinanceEventKind
{
    /// <summary>The refunds of a payment (by PaymentIntent) changed.</summary>
    Refunds = 1,
    Dispute = 2,
    Payout = 3,
}

public static class FinanceEventReader
{
    private static readonly HashSet<string> RefundTypes = [EventTypes.ChargeRefunded, EventTypes.RefundCreated, EventTypes.RefundUpdated, EventTypes.RefundFailed, EventTypes.ChargeRefundUpdated];
    private static readonly HashSet<string> DisputeTypes =
    [
        EventTypes.ChargeDisputeCreated, EventTypes.ChargeDisputeUpdated, EventTypes.ChargeDisputeClosed,
        EventTypes.ChargeDisputeFundsWithdrawn, EventTypes.ChargeDisputeFundsReinstated,
    ];

    private static readonly HashSet<string> PayoutTypes = [EventTypes.PayoutPaid, EventTypes.PayoutFailed];

    public static bool Handles(string type) => RefundTypes.Contains(type) || DisputeTypes.Contains(type) || PayoutTypes.Contains(type);

    public static FinanceEvent? Read(GatewayEvent row)
    {
        if (!Handles(row.Type))
        {
            return null;
        }

        return StripeEventReader.Parse(row.Payload).Data.Object switch
        {
            global::Stripe.Charge { PaymentIntentId: { } intent } => new FinanceEvent(FinanceEventKind.Refunds, intent),
            global::Stripe.Refund { PaymentIntentId: { } intent } => new FinanceEvent(FinanceEventKind.Refunds, intent),
            global::Stripe.Dispute dispute => new FinanceEvent(FinanceEventKind.Dispute, dispute.Id),
            global::Stripe.Payout payout => new FinanceEvent(FinanceEventKind.Payout, payout.Id),
            _ => null,
        };
    }
}

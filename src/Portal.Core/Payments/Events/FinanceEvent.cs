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

using Portal.Core.Shared;
using Stripe;

namespace Portal.Core.Payments.Stripe;

/// <summary>Turns Stripe's refunds, disputes, payouts and balance transactions into the gateway boundary's values.</summary>
internal static class StripeFinanceReading
{
    public static GatewayRefund Refund(global::Stripe.Refund refund) => new(
        refund.Id,
        refund.PaymentIntentId,
        new Money(refund.Amount, Currency.Of(refund.Currency)),
        refund.Status switch
        {
            "succeeded" => GatewayRefundState.Succeeded,
            "failed" => GatewayRefundState.Failed,
            "canceled" => GatewayRefundState.Canceled,
            _ => GatewayRefundState.Pending,
        },
        refund.FailureReason,
        GuidFrom(refund.Metadata, FinanceMetadata.RefundId));

    public static GatewayDispute Dispute(global::Stripe.Dispute dispute)
    {
        var withdrawals = dispute.BalanceTransactions ?? [];
        var fee = withdrawals.Count == 0 ? (Money?)null : new Money(withdrawals.Sum(t => t.Fee), Currency.Of(withdrawals[0].Currency));
        var bankReturn = dispute.PaymentMethodDetails?.Type is "sepa_debit" or "bacs_debit"
            || dispute.Charge?.PaymentMethodDetails?.Type is "sepa_debit" or "bacs_debit"
            || (dispute.EvidenceDetails?.DueBy is null && dispute.EvidenceDetails?.HasEvidence == false && dispute.Status == "lost");
        return new GatewayDispute(
            dispute.Id,
            dispute.PaymentIntentId ?? dispute.Charge?.PaymentIntentId,
            new Money(dispute.Amount, Currency.Of(dispute.Currency)),
            dispute.Reason ?? "general",
            dispute.Status,
            dispute.EvidenceDetails?.DueBy,
            bankReturn,
            fee,
            withdrawals.Any(t => t.Amount < 0),
            withdrawals.Any(t => t.Amount > 0),
            dispute.Created);
    }

    public static GatewayPayout Payout(global::Stripe.Payout payout) => new(
        payout.Id,
        new Money(payout.Amount, Currency.Of(payout.Currency)),
        DateOnly.FromDateTime(payout.ArrivalDate),
        payout.Status,
        payout.FailureCode,
        payout.Created);

    public static GatewayBalanceLine Line(BalanceTransaction line)
    {
        var (paymentIntent, chargeId, refundId, disputeId) = line.Source switch
        {
            global::Stripe.Charge charge => (charge.PaymentIntentId, PaymentMetadata.ChargeIdFrom(charge.Metadata), (Guid?)null, (string?)null),
            global::Stripe.Refund refund => (refund.PaymentIntentId, PaymentMetadata.ChargeIdFrom(refund
                .Metadata), GuidFrom(refund.Metadata, FinanceMetadata.RefundId), null),
            global::Stripe.Dispute dispute => (dispute.PaymentIntentId, null, null, dispute.Id),
            _ => (null, null, null, line.SourceId?.StartsWith("du_", StringComparison.Ordinal) == true ? line.SourceId : null),
        };
        return new GatewayBalanceLine(
            line.Id,
            line.Type,
            line.ReportingCategory,
            line.SourceId,
            line.Amount,
            line.Fee,
            line.Net,
            line.Currency.ToUpperInvariant(),
            line.ExchangeRate,
            line.Created,
            paymentIntent,
            chargeId,
            refundId,
            disputeId);
    }

    public static Guid? RefundIdFrom(Dictionary<string, string>? metadata) => GuidFrom(metadata, FinanceMetadata.RefundId);

    private static Guid? GuidFrom(Dictionary<string, string>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var text) && Guid.TryParse(text, out var id) ? id : null;
}

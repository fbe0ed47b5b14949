namespace Portal.Core.Payments.Events;

/// <summary>
/// The event types the portal acts on, by the names Stripe gives them; the sandbox sends the same names in the same
/// shapes. Kept here as plain strings so the gateway-neutral code needs no Stripe.net type.
/// </summary>
public static class GatewayEventTypes
{
    public const string CheckoutSessionCompleted = "checkout.session.completed";
    public const string CheckoutSessionAsyncPaymentSucceeded = "checkout.session.async_payment_succeeded";
    public const string CheckoutSessionAsyncPaymentFailed = "checkout.session.async_payment_failed";

    public const string PaymentIntentSucceeded = "payment_intent.succeeded";
    public const string PaymentIntentPaymentFailed = "payment_intent.payment_failed";
    public const string PaymentIntentProcessing = "payment_intent.processing";

    public const string ChargeRefunded = "charge.refunded";
    public const string ChargeRefundUpdated = "charge.refund.updated";
    public const string RefundCreated = "refund.created";
    public const string RefundUpdated = "refund.updated";
    public const string RefundFailed = "refund.failed";

    public const string ChargeDisputeCreated = "charge.dispute.created";
    public const string ChargeDisputeUpdated = "charge.dispute.updated";
    public const string ChargeDisputeClosed = "charge.dispute.closed";
    public const string ChargeDisputeFundsWithdrawn = "charge.dispute.funds_withdrawn";
    public const string ChargeDisputeFundsReinstated = "charge.dispute.funds_reinstated";

    public const string PayoutPaid = "payout.paid";
    public const string PayoutFailed = "payout.failed";
}

using Microsoft.Extensions.Logging;
using Portal.Core.Payments.Events;

namespace Portal.Core.Payments;

internal static partial class PaymentLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Gateway event {EventId} ({Type}) stored")]
    public static partial void EventStored(ILogger logger, string eventId, string type);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Gateway event {EventId} ({Type}) was delivered again; the stored one stands")]
    public static partial void EventDuplicate(ILogger logger, string eventId, string type);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Gateway event {InboxId} is {Status} already; skipped")]
    public static partial void EventNotPending(ILogger logger, long inboxId, GatewayEventStatus? status);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug,
        Message = "Gateway event {InboxId}: the portal does not act on {Type} events; recorded and ignored")]
    public static partial void EventTypeIgnored(ILogger logger, long inboxId, string type);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Debug, Message = "Gateway event {InboxId} ({Type}) {Status}: {Note}")]
    public static partial void EventApplied(ILogger logger, long inboxId, string type, GatewayEventStatus? status, string? note);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Gateway event {InboxId} ({Type}) is about nothing of ours: {Note}")]
    public static partial void EventUnmatched(ILogger logger, long inboxId, string type, string? note);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "Applying gateway event {InboxId} failed")]
    public static partial void EventFailed(ILogger logger, Exception error, long inboxId);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Debug, Message = "Applier {Owner} claimed {Count} gateway events")]
    public static partial void EventsClaimed(ILogger logger, string owner, int count);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Debug,
        Message = "Gateway event {InboxId} waits for an earlier event of payment {OrderKey}; left for a later round")]
    public static partial void EventDeferred(ILogger logger, long inboxId, string orderKey);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning,
        Message = "Applying {Count} gateway events in one transaction failed; each is applied on its own instead")]
    public static partial void EventsAppliedAlone(ILogger logger, Exception error, int count);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Stripe could not create a checkout for charge {ChargeId}")]
    public static partial void CheckoutUnavailable(ILogger logger, Exception error, Guid chargeId);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning,
        Message = "Stripe did not answer a charge for {ChargeId}; it will be retried with the same key")]
    public static partial void ChargeUnanswered(ILogger logger, Exception error, Guid chargeId);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Stripe could not create a setup checkout for donor {DonorId}")]
    public static partial void SetupUnavailable(ILogger logger, Exception error, Guid donorId);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning,
        Message = "Stripe did not answer refund {RefundId}; it will be sent again with the same key")]
    public static partial void RefundUnanswered(ILogger logger, Exception error, Guid refundId);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Charge {ChargeId} succeeded at the gateway")]
    public static partial void ChargeSucceeded(ILogger logger, Guid chargeId);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "Charge {ChargeId} was declined: {DeclineCode} {Message}")]
    public static partial void ChargeDeclined(ILogger logger, Guid chargeId, string? declineCode, string? message);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Warning,
        Message = "Charge {ChargeId}: the gateway's answer is uncertain ({Reason}); it stays in flight and is looked up later")]
    public static partial void ChargeUncertain(ILogger logger, Guid chargeId, string reason);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Debug, Message = "Charge {ChargeId} is processing at the gateway")]
    public static partial void ChargeProcessing(ILogger logger, Guid chargeId);
}

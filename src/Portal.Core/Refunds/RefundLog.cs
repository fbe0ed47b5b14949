using Microsoft.Extensions.Logging;

namespace Portal.Core.Refunds;

internal static partial class RefundLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Refund {RefundId} of {Amount} {Currency} requested on charge {ChargeId} by {RequestedBy}")]
    public static partial void Requested(ILogger logger, Guid refundId, long amount, string currency, Guid chargeId, string requestedBy);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Refund {RefundId} sent to the gateway")]
    public static partial void Sent(ILogger logger, Guid refundId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Refund {RefundId} was refused by the gateway: {Reason}")]
    public static partial void Refused(ILogger logger, Guid refundId, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "Refund {RefundId} had no answer from the gateway; it is sent again with the same key: {Reason}")]
    public static partial void Unanswered(ILogger logger, Guid refundId, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information,
        Message = "Refund {RefundId} succeeded: {Amount} {Currency} posted out of fund {FundCode}")]
    public static partial void Succeeded(ILogger logger, Guid refundId, long amount, string currency, string fundCode);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Refund {RefundId} failed: {Reason}")]
    public static partial void Failed(ILogger logger, Guid refundId, string reason);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning,
        Message = "Refund {RefundId} failed after it had succeeded; its posting is reversed in fund {FundCode}")]
    public static partial void Reversed(ILogger logger, Guid refundId, string fundCode);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Debug, Message = "Refund {RefundId} is {Status}: nothing to change")]
    public static partial void Unchanged(ILogger logger, Guid refundId, RefundStatus status);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information,
        Message = "Refund {GatewayRefundId} made in the gateway's dashboard adopted as ours")]
    public static partial void Adopted(ILogger logger, string gatewayRefundId);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Debug, Message = "Refund of charge {ChargeId} not recorded: {Problem}")]
    public static partial void NotRecorded(ILogger logger, Guid chargeId, string problem);
}

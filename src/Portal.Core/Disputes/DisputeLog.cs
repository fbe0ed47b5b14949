using Microsoft.Extensions.Logging;

namespace Portal.Core.Disputes;

internal static partial class DisputeLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Dispute {DisputeId} opened on charge {ChargeId}: {Reason}")]
    public static partial void Opened(ILogger logger, string disputeId, Guid chargeId, string? reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Dispute {DisputeId}: {Was} → {Now}")]
    public static partial void Changed(ILogger logger, string disputeId, string was, string now);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Dispute {DisputeId}: {Amount} {Currency} withdrawn from fund {FundCode}")]
    public static partial void Withdrawn(ILogger logger, string disputeId, long amount, string currency, string fundCode);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Dispute {DisputeId} won: {Amount} {Currency} back to fund {FundCode}")]
    public static partial void Reinstated(ILogger logger, string disputeId, long amount, string currency, string fundCode);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "Dispute {DisputeId} is about a payment that is not ours")]
    public static partial void NotOurs(ILogger logger, string disputeId);
}

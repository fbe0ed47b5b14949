using Microsoft.Extensions.Logging;

namespace Portal.Core.Reconciliation;

internal static partial class ReconciliationLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Payout {PayoutId}: {Lines} lines read in {Read} ms and recorded in {Recorded} ms; {Matched} matched, {Exceptions} exceptions")]
    public static partial void Imported(ILogger logger, string payoutId, int lines, long read, long recorded, int matched, int exceptions);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Debug, Message = "Payout {PayoutId} is not at the gateway; nothing imported")]
    public static partial void NotAtGateway(ILogger logger, string payoutId);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Payout {PayoutId} of {Amount} {Currency} posted to the bank")]
    public static partial void PayoutPosted(ILogger logger, string payoutId, long amount, string currency);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning,
        Message = "Payout {PayoutId} failed ({FailureCode}) after it was paid; its posting is reversed")]
    public static partial void PayoutFailed(ILogger logger, string payoutId, string? failureCode);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Debug, Message = "Payout line {LineId} matched to {Match} (charge {ChargeId})")]
    public static partial void LineMatched(ILogger logger, string lineId, PayoutLineMatch match, Guid? chargeId);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Reconciliation exception {Kind} ({Key}): {Summary}")]
    public static partial void ExceptionRaised(ILogger logger, ExceptionKind kind, string key, string summary);
}

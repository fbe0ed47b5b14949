using Microsoft.Extensions.Logging;

namespace Portal.Core.Sponsorships.Runs;

internal static partial class ChargeRunLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "Charge run {RunId}: claimed {Count} charges ({Source})")]
    public static partial void Claimed(ILogger logger, long runId, int count, string source);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Sponsorship {SponsorshipId} is due but has no saved payment method; skipped")]
    public static partial void SkippedNoMethod(ILogger logger, Guid sponsorshipId);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Debug,
        Message = "Charge {ChargeId} is not retried: its sponsorship is {Status} or has no saved method")]
    public static partial void RetrySkipped(ILogger logger, Guid chargeId, SponsorshipStatus status);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "A claim lost to another writer: {Reason}")]
    public static partial void ClaimLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Debug, Message = "Charge run {RunId}: a retry batch was taken by another worker; left to it")]
    public static partial void RetryBatchTaken(ILogger logger, long runId);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "Could not look up charge {ChargeId} at the gateway; trying again")]
    public static partial void LookUpFailed(ILogger logger, Exception error, Guid chargeId);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Debug, Message = "Charge {ChargeId} was found at the gateway: a lost answer recovered")]
    public static partial void FoundAtGateway(ILogger logger, Guid chargeId);

    [LoggerMessage(EventId = 6020, Level = LogLevel.Debug, Message = "Charge run {RunId}: recorded {Count} answers in {Milliseconds} ms")]
    public static partial void Recorded(ILogger logger, long runId, int count, double milliseconds);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Information, Message = "Charge run {RunId}: a batch met a concurrent change; recording it again")]
    public static partial void ConcurrentChange(ILogger logger, long runId);

    [LoggerMessage(EventId = 6022, Level = LogLevel.Information, Message = "Charge run {RunId}: a batch met a concurrent write; recording it again")]
    public static partial void ConcurrentWrite(ILogger logger, long runId);

    [LoggerMessage(EventId = 6030, Level = LogLevel.Error,
        Message = "Charge run {RunId} stopped early; what it left in flight is resolved by the next run")]
    public static partial void StoppedEarly(ILogger logger, Exception error, long runId);

    [LoggerMessage(EventId = 6031, Level = LogLevel.Error, Message = "The card expiry reminder for donor {DonorId} could not be queued")]
    public static partial void CardReminderFailed(ILogger logger, Exception error, Guid donorId);

    [LoggerMessage(EventId = 6040, Level = LogLevel.Information, Message = "Charge run {RunId}: this worker joined it as part {PartId}")]
    public static partial void Joined(ILogger logger, long runId, long partId);

    [LoggerMessage(EventId = 6041, Level = LogLevel.Warning,
        Message = "Charge run {RunId}: part {PartId} on {Worker} was not seen for a while; marked abandoned, the next run looks up what it left")]
    public static partial void PartAbandoned(ILogger logger, long runId, long partId, string worker);

    [LoggerMessage(EventId = 6042, Level = LogLevel.Warning, Message = "A charge run part could not say it is alive; trying again")]
    public static partial void HeartbeatFailed(ILogger logger, Exception error);
}

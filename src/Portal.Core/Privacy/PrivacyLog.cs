using Microsoft.Extensions.Logging;

namespace Portal.Core.Privacy;

internal static partial class PrivacyLog
{
    [LoggerMessage(EventId = 15201, Level = LogLevel.Information, Message = "Erasure {RequestId} of donor {DonorId} completed")]
    public static partial void Completed(ILogger logger, long requestId, Guid donorId);

    [LoggerMessage(EventId = 15202, Level = LogLevel.Warning, Message = "Erasure {RequestId} of donor {DonorId} waits: {Reason}")]
    public static partial void Pending(ILogger logger, long requestId, Guid donorId, string reason);

    [LoggerMessage(EventId = 15203, Level = LogLevel.Error, Message = "Erasure of donor {DonorId} failed; the next run tries again")]
    public static partial void Failed(ILogger logger, Exception error, Guid donorId);

    [LoggerMessage(EventId = 15204, Level = LogLevel.Information,
        Message = "Retention: {Finished} pending erasures finished, {Erased} donors inactive since {Cutoff} erased, {Failed} failed")]
    public static partial void RetentionRun(ILogger logger, int finished, int erased, int failed, DateTime cutoff);
}

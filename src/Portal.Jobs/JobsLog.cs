using Microsoft.Extensions.Logging;

namespace Portal.Jobs;

internal static partial class JobsLog
{
    /// <summary>A line from Hangfire's own logging, at the level Hangfire gave it.</summary>
    [LoggerMessage(EventId = 9100, Message = "{Message}")]
    public static partial void Hangfire(ILogger logger, LogLevel level, Exception? error, string message);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information,
        Message = "Tax statements {FiscalYear}: {Issued} issued, {Skipped} skipped, {Failed} failed")]
    public static partial void TaxStatementsIssued(ILogger logger, int fiscalYear, int issued, int skipped, int failed);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Information,
        Message = "Bounce mailbox: {Read} read, {Hard} hard bounces suppressed, {Failed} failed")]
    public static partial void BouncesRead(ILogger logger, int read, int hard, int failed);

    [LoggerMessage(EventId = 9110, Level = LogLevel.Debug, Message = "Job {Job} {JobId} started")]
    public static partial void JobStarted(ILogger logger, string job, string jobId);

    [LoggerMessage(EventId = 9111, Level = LogLevel.Debug, Message = "Job {Job} {JobId} {Outcome} after {Seconds:0.000} s")]
    public static partial void JobFinished(ILogger logger, string job, string jobId, string outcome, double seconds);

    [LoggerMessage(EventId = 9120, Level = LogLevel.Information, Message = "Health endpoints listening on {Urls}")]
    public static partial void HealthListening(ILogger logger, string urls);

    [LoggerMessage(EventId = 9130, Level = LogLevel.Warning, Message = "Looking for a charge run to join failed; trying again later")]
    public static partial void JoinFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 9131, Level = LogLevel.Warning,
        Message = "Could not enqueue '{What}' now; its recurring sweep does it within minutes, as the work is in the database")]
    public static partial void NudgeLost(ILogger logger, Exception error, string what);

    [LoggerMessage(EventId = 9132, Level = LogLevel.Warning, Message = "Gateway event applier {Owner} failed a round; it tries again after its poll")]
    public static partial void ApplierFailed(ILogger logger, Exception error, string owner);
}

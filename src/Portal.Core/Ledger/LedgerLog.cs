using Microsoft.Extensions.Logging;

namespace Portal.Core.Ledger;

internal static partial class LedgerLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug,
        Message = "Posting {IdempotencyKey} on {Date} to fund {FundId}: {Amount} {Currency}, {Description}")]
    public static partial void Posting(
        ILogger logger, string idempotencyKey, DateOnly date, Guid? fundId, long amount, string currency, string description);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "Refused to post {IdempotencyKey} dated {Date}: the books are closed up to {LockDate}")]
    public static partial void RefusedClosedPeriod(ILogger logger, string idempotencyKey, DateOnly date, DateOnly lockDate);
}

using Microsoft.Extensions.Logging;

namespace Portal.Core.Gifts;

/// <summary>Offline gifts' events, in the reconciliation range (5100s): what was posted, booked from a statement, or refused.</summary>
internal static partial class GiftsLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
        Message = "Offline gift {GiftId} posted: {Method} of {Amount} {Currency} to fund {FundId} on {Date}, charge {ChargeId}, "
            + "receipt {ReceiptNumber}")]
    public static partial void Posted(
        ILogger logger,
        Guid giftId,
        OfflineGiftMethod method,
        long amount,
        string currency,
        Guid fundId,
        DateOnly date,
        Guid chargeId,
        string? receiptNumber);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Bank line {LineId} booked as a gift by {Actor}, receipt {ReceiptNumber}")]
    public static partial void LineBooked(ILogger logger, long lineId, string actor, string? receiptNumber);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Debug, Message = "Bank line {LineId} not booked as a gift: {Reason}")]
    public static partial void LineRefused(ILogger logger, long lineId, string reason);
}

using Microsoft.Extensions.Logging;

namespace Portal.Core.Communications;

internal static partial class CommunicationsLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Message {MessageId} to {Recipient} was refused for good: {Reason}")]
    public static partial void RefusedForGood(ILogger logger, Guid messageId, string recipient, string reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Message {MessageId} could not be sent (attempt {Attempt}): {Reason}")]
    public static partial void NotSent(ILogger logger, Guid messageId, int attempt, string reason);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning, Message = "The bounce mailbox {Host} could not be read")]
    public static partial void BounceMailboxUnreadable(ILogger logger, Exception error, string? host);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Error, Message = "Bounce message {Uid} could not be recorded; it stays unseen for the next run")]
    public static partial void BounceNotRecorded(ILogger logger, Exception error, object uid);

    [LoggerMessage(EventId = 7020, Level = LogLevel.Warning,
        Message = "Update {UpdateId}: {Count} deliveries were held by a sender that stopped; marked uncertain, not resent.")]
    public static partial void UpdateDeliveriesAbandoned(ILogger logger, Guid updateId, int count);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Information, Message = "Update {UpdateId} goes to {Count} recipients.")]
    public static partial void UpdateRecipients(ILogger logger, Guid updateId, int count);
}

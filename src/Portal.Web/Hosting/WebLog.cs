namespace Portal.Web.Hosting;

internal static partial class WebLog
{
    [LoggerMessage(EventId = 9200, Level = LogLevel.Warning, Message = "Could not evict the cached public pages")]
    public static partial void EvictionFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 9201, Level = LogLevel.Warning, Message = "Rejected a Stripe webhook: {Reason}")]
    public static partial void WebhookRejected(ILogger logger, string reason);
}

namespace Portal.Web.Hosting;

internal static partial class WebLog
{
    [LoggerMessage(EventId = 9200, Level = LogLevel.Warning, Message = "Could not evict the cached public pages")]
    public static partial void EvictionFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 9201, Level = LogLevel.Warning, Message = "Rejected a Stripe webhook: {Reason}")]
    public static partial void WebhookRejected(ILogger logger, string reason);

    [LoggerMessage(
        EventId = 9202,
        Level = LogLevel.Warning,
        Message = "Portal:AllowPlainHttp is on in the {Environment} environment: cookies are not Secure and HTTP is not redirected")]
    public static partial void PlainHttpAllowed(ILogger logger, string environment);

    [LoggerMessage(
        EventId = 9203,
        Level = LogLevel.Warning,
        Message = "Deferred a Stripe webhook with 503: {Limit} or more events wait to be applied (Peaks:MaxUnappliedEvents)")]
    public static partial void WebhookDeferred(ILogger logger, int limit);

    [LoggerMessage(
        EventId = 9204,
        Level = LogLevel.Warning,
        Message = "Asked a donor to try again: {Limit} checkouts are already starting on this node (Peaks:MaxConcurrentCheckouts)")]
    public static partial void CheckoutDeferred(ILogger logger, int limit);
}

using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics;

namespace Portal.Web.Hosting;

/// <summary>
/// A client that goes away in the middle of a request (closes the connection, stops sending a body it announced,
/// resets the socket while a file streams) is not a failure of ours. It is logged at debug level as an abort, on every
/// endpoint, and answered with 499 when nothing has been sent yet (nobody reads it). Anything else stays an error.
/// </summary>
public static partial class ClientAborts
{
    /// <summary>
    /// Kestrel's own texts (its reason codes are internal, so the message is what a caller can see) for a body that ended
    /// before its Content-Length, and for one cut short because it came slower than the minimum data rate; each with
    /// the reason logged for it.
    /// </summary>
    private static readonly (string Text, string Reason)[] CutShortBodies =
    [
        ("Unexpected end of request content", "the body ended before its announced length"),
        ("Reading the request body timed out", "the body came slower than the minimum data rate"),
    ];

    /// <summary>Why <paramref name="error"/> is the client going away, or null when it is not.</summary>
    public static string? Reason(Exception error, HttpContext context)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BadHttpRequestException bad when CutShortBodies.FirstOrDefault(b => bad.Message.Contains(b.Text, StringComparison.Ordinal))
                    is { Reason: { } reason }:
                    return reason;
                case ConnectionResetException or ConnectionAbortedException:
                    return "the connection was closed";
                case OperationCanceledException or IOException when context.RequestAborted.IsCancellationRequested:
                    return "the request was aborted";
            }
        }

        return null;
    }

    /// <summary>
    /// Outside the exception handler: catches the aborts that come after the answer has started (a download the
    /// reader cancelled), which the handler can no longer answer. Put it before <see cref="PortalExceptionHandler.Use"/>.
    /// </summary>
    public static IApplicationBuilder UseClientAborts(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientAborts));
        return app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception error) when (Reason(error, context) is { } reason)
            {
                Answer(logger, context, reason, error);
            }
        });
    }

    /// <summary>Logs the abort at debug level and, if nothing was sent yet, sets 499.</summary>
    public static void Answer(ILogger logger, HttpContext context, string reason, Exception error)
    {
        // In the exception handler the request's path is already the error page's; the feature keeps the one asked for.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value ?? "";
        Aborted(logger, context.Request.Method, path, reason, error.GetType().Name, PortalExceptionHandler.CorrelationId(context));
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
        }
    }

    [LoggerMessage(EventId = 902, Level = LogLevel.Debug,
        Message = "Client aborted {Method} {Path}: {Reason} ({ExceptionType}); correlation id {CorrelationId}")]
    private static partial void Aborted(ILogger logger, string method, string path, string reason, string exceptionType, string correlationId);
}

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Hosting;

/// <summary>
/// The one place an exception becomes an answer. A refusal (<see cref="Refusals"/>) gets its status and its next step;
/// anything else is a bug, logged with the correlation id the error page shows so staff can quote it. Endpoints that
/// are not pages (webhooks, JSON handlers, callers asking for JSON) get ProblemDetails; pages fall through to the
/// status page, re-executed with the refusal's status code (see <see cref="Use"/>). A client that went away is no
/// failure: it is logged at debug level (<see cref="ClientAborts"/>).
/// </summary>
public sealed partial class PortalExceptionHandler(IProblemDetailsService problems, ILogger<PortalExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (ClientAborts.Reason(exception, httpContext) is { } aborted)
        {
            // The client went away (a body cut short, a closed connection): not ours to report, and nobody to answer.
            ClientAborts.Answer(logger, httpContext, aborted, exception);
            return true;
        }

        var id = CorrelationId(httpContext);
        var failed = httpContext.Features.Get<IExceptionHandlerFeature>();
        var path = failed?.Path ?? httpContext.Request.Path.Value ?? "";
        var refusal = Refusals.For(exception, httpContext.RequestAborted);
        if (refusal is null)
        {
            LogFailed(logger, exception, id, httpContext.Request.Method, path);
        }
        else
        {
            LogRefused(logger, refusal.Status, exception.GetType().Name, id, httpContext.Request.Method, path);
        }

        if (!WantsProblemDetails(httpContext, failed?.Endpoint))
        {
            return false;
        }

        httpContext.Response.StatusCode = refusal?.Status ?? StatusCodes.Status500InternalServerError;
        var details = new ProblemDetails
        {
            Status = httpContext.Response.StatusCode,
            Title = refusal?.Title ?? "Something went wrong",
            Detail = refusal?.Message ?? $"Quote this reference when you report it: {id}.",
        };
        details.Extensions["correlationId"] = id;
        return await problems.TryWriteAsync(new() { HttpContext = httpContext, Exception = exception, ProblemDetails = details });
    }

    /// <summary>
    /// What staff quote and the log carries: the request's correlation id (<see cref="RequestCorrelation"/>), which is
    /// also its trace identifier, its <c>X-Correlation-Id</c> response header and the scope of each of its log lines.
    /// </summary>
    public static string CorrelationId(HttpContext context) => context.TraceIdentifier;

    /// <summary>The handler for every environment: a refusal means the same in Development (whose page shows the bug's details).</summary>
    public static void Use(IApplicationBuilder app) => app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = "/status/500",
        StatusCodeSelector = error => Refusals.For(error)?.Status ?? StatusCodes.Status500InternalServerError,
        // The handler logs every failure once, with its correlation id; a refusal is not an error.
        SuppressDiagnosticsCallback = _ => true,
    });

    private static bool WantsProblemDetails(HttpContext context, Endpoint? endpoint)
    {
        var page = endpoint?.Metadata.GetMetadata<PageActionDescriptor>() is not null;
        var accept = context.Request.Headers.Accept.ToString();
        var json = accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
        return !page || json;
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Error, Message = "Request failed: {Method} {Path}; correlation id {CorrelationId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string correlationId, string method, string path);

    [LoggerMessage(EventId = 901, Level = LogLevel.Warning,
        Message = "Request refused with {Status} ({Reason}): {Method} {Path}; correlation id {CorrelationId}")]
    private static partial void LogRefused(ILogger logger, int status, string reason, string correlationId, string method, string path);
}

using System.Diagnostics;
using Portal.Core.Hosting;

namespace Portal.Web.Hosting;

/// <summary>
/// Gives each request its correlation id (<see cref="Correlation"/>): the caller's <c>X-Correlation-Id</c> when it is
/// short and safe, otherwise the request's W3C trace id. The id is echoed in the response header, is the request's
/// <see cref="HttpContext.TraceIdentifier"/> (the reference the error page shows), opens a log scope around the whole
/// request, and flows into any job the request enqueues. First in the pipeline, so every line of the request has it.
/// </summary>
public static class RequestCorrelation
{
    public static IApplicationBuilder UseRequestCorrelation(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestCorrelation));
        return app.Use(async (context, next) =>
        {
            var id = Correlation.Choose(context.Request.Headers[Correlation.Header].ToString());
            context.TraceIdentifier = id;
            Activity.Current?.SetTag("portal.correlation_id", id);
            // On starting, not now: the exception handler clears the headers of a response it takes over.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Correlation.Header] = id;
                return Task.CompletedTask;
            });
            Correlation.Current = id;
            using (Correlation.BeginScope(logger, id))
            {
                await next(context);
            }
        });
    }
}

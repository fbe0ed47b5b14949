using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Portal.Web.Hosting;

/// <summary>
/// A route value that is only white space (<c>/transparency/nairobi/%20</c>) names nothing: 404 before any handler
/// runs. Model binding turns such a value into null, which a handler written for a required segment does not expect.
/// </summary>
public sealed class BlankRouteValues : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        foreach (var (_, value) in context.RouteData.Values)
        {
            if (value is string text && text.Length > 0 && string.IsNullOrWhiteSpace(text))
            {
                context.Result = new NotFoundResult();
                return Task.CompletedTask;
            }
        }

        return next();
    }
}

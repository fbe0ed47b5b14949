using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;

namespace Portal.Core.Communications;

/// <summary>
/// Renders a Razor component to an HTML string outside any request (in a job, at start-up), with the framework's
/// <see cref="HtmlRenderer"/>. User text is HTML-encoded by Razor as it is on pages. Scoped: the renderer resolves
/// scoped component services from the scope it is created in.
/// </summary>
public sealed class EmailRenderer(IServiceProvider services, ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly HtmlRenderer renderer = new(services, loggerFactory);

    public Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : IComponent =>
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return "<!DOCTYPE html>\n" + output.ToHtmlString();
        });

    public ValueTask DisposeAsync() => renderer.DisposeAsync();
}

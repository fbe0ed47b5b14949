using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Communications;

/// <summary>Renders a message that was queued to be rendered at send time (<see cref="OutboundEmail.Template"/>).</summary>
public interface IDeferredEmailRenderer
{
    string Template { get; }

    /// <summary>The message, or null when what it was about no longer exists (it is then not sent).</summary>
    Task<RenderedEmail?> RenderAsync(Guid reference, CancellationToken cancellationToken);
}

/// <summary>Finds the renderer a deferred message names, in a scope of its own.</summary>
public sealed class DeferredEmails(IServiceScopeFactory scopes)
{
    public async Task<RenderedEmail?> RenderAsync(string template, Guid reference, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var renderer = scope.ServiceProvider.GetServices<IDeferredEmailRenderer>().FirstOrDefault(r => r.Template == template)
            ?? throw new InvalidOperationException($"No renderer for deferred e-mail template '{template}'.");
        return await renderer.RenderAsync(reference, cancellationToken);
    }
}

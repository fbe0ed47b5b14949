using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Communications;

/// <summary>Renders a message that was queued to be rendered at send time (<see cref="OutboundEmail.Template"/>).</summary>
public interface IDeferredEmailRenderer
{
    string Template { get; }

    /// <summary>The message, or null when what it was about no longer exists (it is then not sent).</summary>
    Task<RenderedEmail?> RenderAsync(Guid reference, CancellationToken cancellationToken);

    /// <summary>
    /// The attachments alone, for a resend of a message whose subject and bodies were kept from its first send
    /// (attachments are not stored). Most messages have none.
    /// </summary>
    Task<IReadOnlyList<EmailAttachment>> AttachmentsAsync(Guid reference, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<EmailAttachment>>([]);
}

/// <summary>Finds the renderer a deferred message names, in a scope of its own.</summary>
public sealed class DeferredEmails(IServiceScopeFactory scopes)
{
    public async Task<RenderedEmail?> RenderAsync(string template, Guid reference, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await Find(scope, template).RenderAsync(reference, cancellationToken);
    }

    public async Task<IReadOnlyList<EmailAttachment>> AttachmentsAsync(string template, Guid reference, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await Find(scope, template).AttachmentsAsync(reference, cancellationToken);
    }

    private static IDeferredEmailRenderer Find(AsyncServiceScope scope, string template) =>
        scope.ServiceProvider.GetServices<IDeferredEmailRenderer>().FirstOrDefault(r => r.Template == template)
            ?? throw new InvalidOperationException($"No renderer for deferred e-mail template '{template}'.");
}

namespace Portal.Core.Payments.Events;

/// <summary>
/// Applies the stored events of the types it names. Each type has exactly one handler, found in
/// <see cref="GatewayEventHandlers"/>; the handler marks the event applied, ignored or unmatched.
/// </summary>
public interface IGatewayEventHandler
{
    /// <summary>The event types this handler applies. Static, so the table is built at registration without an instance.</summary>
    static abstract IReadOnlyList<string> Types { get; }

    Task<ApplyResult> HandleAsync(GatewayEvent row, CancellationToken cancellationToken);
}

namespace Portal.Core.Payments.Events.Handlers;

/// <summary>A payment of one of our charges succeeded, is processing, or one attempt at it failed.</summary>
public sealed class PaymentIntentEvents(ApplyPaymentEvent payments) : IGatewayEventHandler
{
    public static IReadOnlyList<string> Types { get; } =
    [
        GatewayEventTypes.PaymentIntentSucceeded,
        GatewayEventTypes.PaymentIntentPaymentFailed,
        GatewayEventTypes.PaymentIntentProcessing,
    ];

    public Task<ApplyResult> HandleAsync(GatewayEvent row, CancellationToken cancellationToken) => payments.ApplyAsync(row, cancellationToken);
}

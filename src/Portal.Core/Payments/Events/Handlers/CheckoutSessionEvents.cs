namespace Portal.Core.Payments.Events.Handlers;

/// <summary>
/// A checkout finished, or its delayed payment settled or failed. A completed setup-mode checkout saved a donor's new
/// payment method; every other checkout is about one of our charges.
/// </summary>
public sealed class CheckoutSessionEvents(IGatewayEventReader reader, ApplySetupEvent setups, ApplyPaymentEvent payments) : IGatewayEventHandler
{
    public static IReadOnlyList<string> Types { get; } =
    [
        GatewayEventTypes.CheckoutSessionCompleted,
        GatewayEventTypes.CheckoutSessionAsyncPaymentSucceeded,
        GatewayEventTypes.CheckoutSessionAsyncPaymentFailed,
    ];

    public Task<ApplyResult> HandleAsync(GatewayEvent row, CancellationToken cancellationToken) =>
        reader.ReadSetup(row) is { } setup ? setups.ApplyAsync(row, setup, cancellationToken) : payments.ApplyAsync(row, cancellationToken);
}

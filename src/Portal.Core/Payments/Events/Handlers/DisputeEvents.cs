using Portal.Core.Data;
using Portal.Core.Disputes;
using Portal.Core.Hosting;

namespace Portal.Core.Payments.Events.Handlers;

/// <summary>A dispute opened, changed or closed: the dispute as the gateway has it now is applied.</summary>
public sealed class DisputeEvents(
    PortalDbContext db, PaymentGateways gateways, IGatewayEventReader reader, DisputeStates disputes, CharityCalendar calendar)
    : ReadAfreshEvents<GatewayDispute?>(db, gateways, reader, calendar), IGatewayEventHandler
{
    public static IReadOnlyList<string> Types { get; } =
    [
        GatewayEventTypes.ChargeDisputeCreated,
        GatewayEventTypes.ChargeDisputeUpdated,
        GatewayEventTypes.ChargeDisputeClosed,
        GatewayEventTypes.ChargeDisputeFundsWithdrawn,
        GatewayEventTypes.ChargeDisputeFundsReinstated,
    ];

    protected override FinanceEventKind Kind => FinanceEventKind.Dispute;

    protected override Task<GatewayDispute?> ReadAsync(IGatewayFinance gateway, string id, CancellationToken cancellationToken) =>
        gateway.GetDisputeAsync(id, cancellationToken);

    protected override async Task<(GatewayEventStatus Status, string? Note)> ApplyAsync(
        GatewayEvent row, string id, GatewayDispute? seen, CancellationToken cancellationToken)
    {
        var changes = seen is null ? null : await disputes.ApplyAsync(row.Gateway, seen, cancellationToken);
        return (seen, changes) switch
        {
            (null, _) => (GatewayEventStatus.Unmatched, $"The gateway has no dispute {id}."),
            (_, null) => (GatewayEventStatus.Unmatched, $"Dispute {id} is about a payment that is not ours."),
            _ => (GatewayEventStatus.Applied, EventOutcome.Note(changes)),
        };
    }
}

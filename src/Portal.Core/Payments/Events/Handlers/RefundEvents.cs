using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Refunds;

namespace Portal.Core.Payments.Events.Handlers;

/// <summary>The refunds of a payment changed: the payment's refund list as the gateway has it now is applied.</summary>
public sealed class RefundEvents(
    PortalDbContext db, PaymentGateways gateways, IGatewayEventReader reader, GatewayRefunds refunds, CharityCalendar calendar)
    : ReadAfreshEvents<IReadOnlyList<GatewayRefund>>(db, gateways, reader, calendar), IGatewayEventHandler
{
    public static IReadOnlyList<string> Types { get; } =
    [
        GatewayEventTypes.ChargeRefunded,
        GatewayEventTypes.ChargeRefundUpdated,
        GatewayEventTypes.RefundCreated,
        GatewayEventTypes.RefundUpdated,
        GatewayEventTypes.RefundFailed,
    ];

    protected override FinanceEventKind Kind => FinanceEventKind.Refunds;

    protected override Task<IReadOnlyList<GatewayRefund>> ReadAsync(IGatewayFinance gateway, string id, CancellationToken cancellationToken) =>
        gateway.ListRefundsAsync(id, cancellationToken);

    protected override async Task<(GatewayEventStatus Status, string? Note)> ApplyAsync(
        GatewayEvent row, string id, IReadOnlyList<GatewayRefund> seen, CancellationToken cancellationToken)
    {
        var charge = await Db.Charges.FirstOrDefaultAsync(c => c.Gateway == row.Gateway && c.PaymentIntentId == id, cancellationToken);
        return charge is null
            ? (GatewayEventStatus.Unmatched, $"No payment {id} of ours.")
            : (GatewayEventStatus.Applied, EventOutcome.Note(await refunds.ApplyAsync(charge, seen, cancellationToken)));
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Refunds;

namespace Portal.Core.Payments.Events.Handlers;

/// <summary>
/// The refunds of a payment changed. Events arrive late, twice or out of order, so the payment's refund list is read
/// afresh from the gateway, before the transaction opens, and only its current word counts.
/// </summary>
public sealed class RefundEvents(
    PortalDbContext db, PaymentGateways gateways, IGatewayEventReader reader, GatewayRefunds refunds, CharityCalendar calendar) : IGatewayEventHandler
{
    public static IReadOnlyList<string> Types { get; } =
    [
        GatewayEventTypes.ChargeRefunded,
        GatewayEventTypes.ChargeRefundUpdated,
        GatewayEventTypes.RefundCreated,
        GatewayEventTypes.RefundUpdated,
        GatewayEventTypes.RefundFailed,
    ];

    public async Task<ApplyResult> HandleAsync(GatewayEvent row, CancellationToken cancellationToken)
    {
        var gateway = gateways.FinanceNamed(row.Gateway)
            ?? throw new InvalidOperationException($"The event came from gateway '{row.Gateway}', which is not configured.");
        if (reader.ReadFinance(row) is not { Kind: FinanceEventKind.Refunds, Id: var paymentIntentId })
        {
            return await EventOutcome.SaveAsync(db, row, GatewayEventStatus.Ignored, EventOutcome.NotReadable, calendar.UtcNow, cancellationToken);
        }

        var seen = await gateway.ListRefundsAsync(paymentIntentId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var charge = await db.Charges.FirstOrDefaultAsync(c => c.Gateway == row.Gateway && c.PaymentIntentId == paymentIntentId, cancellationToken);
        var (status, note) = charge is null
            ? (GatewayEventStatus.Unmatched, $"No payment {paymentIntentId} of ours.")
            : (GatewayEventStatus.Applied, EventOutcome.Note(await refunds.ApplyAsync(charge, seen, cancellationToken)));
        var result = await EventOutcome.SaveAsync(db, row, status, note, calendar.UtcNow, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}

using Portal.Core.Data;
using Portal.Core.Disputes;
using Portal.Core.Hosting;

namespace Portal.Core.Payments.Events.Handlers;

/// <summary>
/// A dispute opened, changed or closed. The dispute is read afresh from the gateway, before the transaction opens,
/// since events arrive late, twice or out of order and only its current state counts.
/// </summary>
public sealed class DisputeEvents(
    PortalDbContext db, PaymentGateways gateways, IGatewayEventReader reader, DisputeStates disputes, CharityCalendar calendar) : IGatewayEventHandler
{
    public static IReadOnlyList<string> Types { get; } =
    [
        GatewayEventTypes.ChargeDisputeCreated,
        GatewayEventTypes.ChargeDisputeUpdated,
        GatewayEventTypes.ChargeDisputeClosed,
        GatewayEventTypes.ChargeDisputeFundsWithdrawn,
        GatewayEventTypes.ChargeDisputeFundsReinstated,
    ];

    public async Task<ApplyResult> HandleAsync(GatewayEvent row, CancellationToken cancellationToken)
    {
        var gateway = gateways.FinanceNamed(row.Gateway)
            ?? throw new InvalidOperationException($"The event came from gateway '{row.Gateway}', which is not configured.");
        if (reader.ReadFinance(row) is not { Kind: FinanceEventKind.Dispute, Id: var disputeId })
        {
            return await EventOutcome.SaveAsync(db, row, GatewayEventStatus.Ignored, EventOutcome.NotReadable, calendar.UtcNow, cancellationToken);
        }

        var seen = await gateway.GetDisputeAsync(disputeId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changes = seen is null ? null : await disputes.ApplyAsync(row.Gateway, seen, cancellationToken);
        var (status, note) = (seen, changes) switch
        {
            (null, _) => (GatewayEventStatus.Unmatched, $"The gateway has no dispute {disputeId}."),
            (_, null) => (GatewayEventStatus.Unmatched, $"Dispute {disputeId} is about a payment that is not ours."),
            _ => (GatewayEventStatus.Applied, EventOutcome.Note(changes)),
        };
        var result = await EventOutcome.SaveAsync(db, row, status, note, calendar.UtcNow, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}

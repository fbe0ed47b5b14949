using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Reconciliation;

namespace Portal.Core.Payments.Events.Handlers;

/// <summary>A payout was paid or failed: its lines are imported and matched to our charges and refunds.</summary>
public sealed class PayoutEvents(
    PortalDbContext db, PaymentGateways gateways, IGatewayEventReader reader, PayoutImport payouts, CharityCalendar calendar) : IGatewayEventHandler
{
    public static IReadOnlyList<string> Types { get; } = [GatewayEventTypes.PayoutPaid, GatewayEventTypes.PayoutFailed];

    public async Task<ApplyResult> HandleAsync(GatewayEvent row, CancellationToken cancellationToken)
    {
        _ = gateways.FinanceNamed(row.Gateway)
            ?? throw new InvalidOperationException($"The event came from gateway '{row.Gateway}', which is not configured.");
        if (reader.ReadFinance(row) is not { Kind: FinanceEventKind.Payout, Id: var payoutId })
        {
            return await EventOutcome.SaveAsync(db, row, GatewayEventStatus.Ignored, EventOutcome.NotReadable, calendar.UtcNow, cancellationToken);
        }

        // The import pages through the payout's lines from the gateway and keeps its own transaction.
        var imported = await payouts.ImportAsync(row.Gateway, payoutId, cancellationToken);
        db.ChangeTracker.Clear();
        var stored = await db.GatewayEvents.SingleAsync(e => e.Id == row.Id, cancellationToken);
        var status = imported.Problem is null ? GatewayEventStatus.Applied : GatewayEventStatus.Unmatched;
        return await EventOutcome.SaveAsync(db, stored, status, imported.Problem, calendar.UtcNow, cancellationToken);
    }
}

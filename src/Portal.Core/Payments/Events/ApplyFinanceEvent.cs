using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Disputes;
using Portal.Core.Hosting;
using Portal.Core.Reconciliation;
using Portal.Core.Refunds;

namespace Portal.Core.Payments.Events;

/// <summary>
/// Applies a refund, dispute or payout event. Only the gateway's current word counts (events arrive late, twice, or
/// out of order), so each reads the refund list, the dispute or the payout afresh, before its transaction opens.
/// </summary>
public sealed class ApplyFinanceEvent(PortalDbContext db, PaymentGateways gateways, GatewayRefunds refunds, DisputeStates disputes, PayoutImport payouts, CharityCalendar calendar)
{
    public async Task<ApplyResult> ApplyAsync(GatewayEvent row, FinanceEvent financeEvent, CancellationToken cancellationToken)
    {
        var gateway = gateways.FinanceNamed(row.Gateway)
            ?? throw new InvalidOperationException($"The event came from gateway '{row.Gateway}', which is not configured.");
        if (financeEvent.Kind == FinanceEventKind.Payout)
        {
            // The import pages through the payout's lines from the gateway and keeps its own transaction.
            var imported = await payouts.ImportAsync(row.Gateway, financeEvent.Id, cancellationToken);
            db.ChangeTracker.Clear();
            var stored = await db.GatewayEvents.SingleAsync(e => e.Id == row.Id, cancellationToken);
            return await MarkAsync(stored, imported.Problem is null ? GatewayEventStatus.Applied : GatewayEventStatus.Unmatched, imported.Problem, cancellationToken);
        }

        var seenRefunds = financeEvent.Kind == FinanceEventKind.Refunds ? await gateway.ListRefundsAsync(financeEvent.Id, cancellationToken) : null;
        var seenDispute = financeEvent.Kind == FinanceEventKind.Dispute ? await gateway.GetDisputeAsync(financeEvent.Id, cancellationToken) : null;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        (GatewayEventStatus Status, string? Note) outcome;
        if (seenRefunds is not null)
        {
            var charge = await db.Charges.FirstOrDefaultAsync(c => c.Gateway == row.Gateway && c.PaymentIntentId == financeEvent.Id, cancellationToken);
            outcome = charge is null
                ? (GatewayEventStatus.Unmatched, $"No payment {financeEvent.Id} of ours.")
                : (GatewayEventStatus.Applied, Note(await refunds.ApplyAsync(charge, seenRefunds, cancellationToken)));
        }
        else if (seenDispute is not null)
        {
            var changes = await disputes.ApplyAsync(row.Gateway, seenDispute, cancellationToken);
            outcome = changes is null
                ? (GatewayEventStatus.Unmatched, $"Dispute {financeEvent.Id} is about a payment that is not ours.")
                : (GatewayEventStatus.Applied, Note(changes));
        }
        else
        {
            outcome = (GatewayEventStatus.Unmatched, $"The gateway has no dispute {financeEvent.Id}.");
        }

        var result = await MarkAsync(row, outcome.Status, outcome.Note, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<ApplyResult> MarkAsync(GatewayEvent row, GatewayEventStatus status, string? note, CancellationToken cancellationToken)
    {
        row.Attempts++;
        row.ProcessedAt = calendar.UtcNow;
        row.Status = status;
        row.Note = note is { Length: > 1000 } ? note[..1000] : note;
        await db.SaveChangesAsync(cancellationToken);
        return new ApplyResult(row.Status, ReceiptQueued: false);
    }

    private static string? Note(IReadOnlyList<string> changes) => changes.Count == 0 ? null : string.Join("; ", changes);
}

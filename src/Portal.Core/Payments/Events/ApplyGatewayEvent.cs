using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications.Receipts;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships;

namespace Portal.Core.Payments.Events;

/// <summary>
/// Applies one stored event in one transaction: the charge's new state, its ledger entry, its receipt and the event's
/// own status commit together or not at all. Scoped: one instance per attempt, with a fresh context.
/// </summary>
public sealed class ApplyGatewayEvent(PortalDbContext db, PaymentGateways gateways, ChargeOutcomes outcomes, ReceiptMail receipts, CharityCalendar calendar)
{
    public async Task<ApplyResult> ApplyAsync(long inboxId, CancellationToken cancellationToken)
    {
        var row = await db.GatewayEvents.SingleOrDefaultAsync(e => e.Id == inboxId, cancellationToken);
        if (row is null || row.Status != GatewayEventStatus.Pending)
        {
            return new ApplyResult(row?.Status, ReceiptQueued: false);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        row.Attempts++;
        row.ProcessedAt = calendar.UtcNow;
        var outcome = await InterpretAsync(row, cancellationToken);
        row.Status = outcome.Matched ? (outcome.Note is null ? GatewayEventStatus.Applied : GatewayEventStatus.Ignored) : GatewayEventStatus.Unmatched;
        row.Note = outcome.Note;
        await db.SaveChangesAsync(cancellationToken);
        if (outcome.Receipt is { } paid)
        {
            // The receipt number is the saved ledger entry's; the second save commits it with everything else.
            await receipts.IssueAsync(paid.Charge, paid.Sponsorship, paid.Fund, paid.Donor, paid.Entry, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ApplyResult(row.Status, outcome.Receipt is not null);
    }

    private async Task<OutcomeResult> InterpretAsync(GatewayEvent row, CancellationToken cancellationToken)
    {
        if (!StripeEventReader.AppliedTypes.Contains(row.Type))
        {
            return new OutcomeResult(true, $"The portal does not act on {row.Type} events.");
        }

        var paymentEvent = StripeEventReader.Read(StripeEventReader.Parse(row.Payload));
        if (paymentEvent is null)
        {
            return new OutcomeResult(true, "Not about a payment the portal started (no charge_id in its metadata).");
        }

        var gateway = gateways.Named(row.Gateway)
            ?? throw new InvalidOperationException($"The event came from gateway '{row.Gateway}', which is not configured.");
        return await outcomes.ApplyAsync(paymentEvent, gateway, cancellationToken);
    }
}

public sealed record ApplyResult(GatewayEventStatus? Status, bool ReceiptQueued);

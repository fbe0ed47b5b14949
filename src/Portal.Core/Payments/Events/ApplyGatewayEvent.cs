using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications.Receipts;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships;
using Portal.Core.Sponsorships.Dunning;

namespace Portal.Core.Payments.Events;

/// <summary>
/// Applies one stored event in one transaction: the charge's new state, its ledger entry, its receipt and the event's
/// own status commit together or not at all. What the gateway knows of the payment is read before the transaction
/// opens, so no database lock waits on a network call. Scoped: one instance per attempt, with a fresh context.
/// </summary>
public sealed class ApplyGatewayEvent(PortalDbContext db, PaymentGateways gateways, ChargeOutcomes outcomes, ReceiptMail receipts, CharityCalendar calendar, PaymentLinks links, ApplySetupEvent setups, ApplyFinanceEvent finance)
{
    public async Task<ApplyResult> ApplyAsync(long inboxId, CancellationToken cancellationToken)
    {
        var row = await db.GatewayEvents.SingleOrDefaultAsync(e => e.Id == inboxId, cancellationToken);
        if (row is null || row.Status != GatewayEventStatus.Pending)
        {
            return new ApplyResult(row?.Status, ReceiptQueued: false);
        }

        if (FinanceEventReader.Handles(row.Type))
        {
            return FinanceEventReader.Read(row) is { } financeEvent
                ? await finance.ApplyAsync(row, financeEvent, cancellationToken)
                : await IgnoreAsync(row, "Not about a payment, dispute or payout the portal can read.", cancellationToken);
        }

        if (SetupEventReader.Read(row) is { } setup)
        {
            // A donor saved a new payment method: not about a charge, applied on its own.
            return await setups.ApplyAsync(row, setup, cancellationToken);
        }

        var (paymentEvent, ignored) = Read(row);
        var gateway = paymentEvent is null ? null : gateways.Named(row.Gateway)
            ?? throw new InvalidOperationException($"The event came from gateway '{row.Gateway}', which is not configured.");
        var lookup = paymentEvent is not null && gateway is not null ? await LookUpAsync(paymentEvent, gateway, cancellationToken) : null;
        links.EnsureKeys();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        row.Attempts++;
        row.ProcessedAt = calendar.UtcNow;
        var outcome = paymentEvent is null ? ignored! : await outcomes.ApplyAsync(paymentEvent, gateway!.Name, lookup, cancellationToken);
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

    private async Task<ApplyResult> IgnoreAsync(GatewayEvent row, string note, CancellationToken cancellationToken)
    {
        row.Attempts++;
        row.ProcessedAt = calendar.UtcNow;
        row.Status = GatewayEventStatus.Ignored;
        row.Note = note;
        await db.SaveChangesAsync(cancellationToken);
        return new ApplyResult(row.Status, ReceiptQueued: false);
    }

    /// <summary>What the event says about one of our payments, or why it is ignored.</summary>
    private static (PaymentEvent? Event, OutcomeResult? Ignored) Read(GatewayEvent row)
    {
        if (!StripeEventReader.AppliedTypes.Contains(row.Type))
        {
            return (null, new OutcomeResult(true, $"The portal does not act on {row.Type} events."));
        }

        var paymentEvent = StripeEventReader.Read(StripeEventReader.Parse(row.Payload));
        return paymentEvent is null
            ? (null, new OutcomeResult(true, "Not about a payment the portal started (no charge_id in its metadata)."))
            : (paymentEvent, null);
    }

    /// <summary>
    /// For a payment that has just succeeded: the fee and the saved method, which the event may not carry. For a
    /// failure of a payment recorded as paid: whether the gateway really says it failed now (a returned debit), since
    /// events arrive in any order.
    /// </summary>
    private async Task<PaymentLookup?> LookUpAsync(PaymentEvent paymentEvent, IPaymentGateway gateway, CancellationToken cancellationToken)
    {
        var charge = await db.Charges.AsNoTracking().Where(c => c.Id == paymentEvent.ChargeId)
            .Select(c => new { c.Status, c.PaymentIntentId }).SingleOrDefaultAsync(cancellationToken);
        if (charge is null)
        {
            return null;
        }

        var alreadyRecorded = charge.Status.CountsAsPaid();
        if (paymentEvent.Kind == PaymentEventKind.Succeeded)
        {
            var intentId = paymentEvent.PaymentIntentId ?? charge.PaymentIntentId;
            return alreadyRecorded || intentId is null ? null : await gateway.GetPaymentAsync(intentId, cancellationToken);
        }

        var failedAfterPaid = paymentEvent.Kind is PaymentEventKind.Failed or PaymentEventKind.AttemptFailed
            && charge.Status == ChargeStatus.Succeeded && charge.PaymentIntentId is not null;
        return failedAfterPaid ? await gateway.GetPaymentAsync(charge.PaymentIntentId!, cancellationToken) : null;
    }
}

public sealed record ApplyResult(GatewayEventStatus? Status, bool ReceiptQueued);

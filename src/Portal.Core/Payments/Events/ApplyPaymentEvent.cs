using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications.Receipts;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships;
using Portal.Core.Sponsorships.Dunning;

namespace Portal.Core.Payments.Events;

/// <summary>
/// Applies what a checkout or payment event says about one of our charges, in one transaction: the charge's new state,
/// its ledger entry, its receipt and the event's own status commit together or not at all. What the gateway knows of
/// the payment is read before the transaction opens, so no database lock waits on a network call.
/// </summary>
public sealed class ApplyPaymentEvent(
    PortalDbContext db, PaymentGateways gateways, ChargeOutcomes outcomes, ReceiptMail receipts, CharityCalendar calendar, PaymentLinks links,
    IGatewayEventReader reader, PortalTelemetry telemetry, Sponsorships.CardTesting.DeclineVelocity declines)
{
    public async Task<ApplyResult> ApplyAsync(GatewayEvent row, CancellationToken cancellationToken)
    {
        if (reader.ReadPayment(row) is not { } paymentEvent)
        {
            const string note = "Not about a payment the portal started (no charge_id in its metadata).";
            return await EventOutcome.SaveAsync(db, row, GatewayEventStatus.Ignored, note, calendar.UtcNow, cancellationToken);
        }

        var gateway = gateways.Named(row.Gateway)
            ?? throw new InvalidOperationException($"The event came from gateway '{row.Gateway}', which is not configured.");
        var lookup = await LookUpAsync(paymentEvent, gateway, cancellationToken);
        links.EnsureKeys();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        row.Attempts++;
        row.ProcessedAt = calendar.UtcNow;
        var outcome = await outcomes.ApplyAsync(paymentEvent, gateway.Name, lookup, cancellationToken);
        row.Conclude(!outcome.Matched ? GatewayEventStatus.Unmatched
            : outcome.Note is null ? GatewayEventStatus.Applied : GatewayEventStatus.Ignored);
        row.Note = outcome.Note;
        await db.SaveChangesAsync(cancellationToken);
        if (outcome.Receipt is { } paid)
        {
            // The receipt number is the saved ledger entry's; the second save commits it with everything else.
            await receipts.IssueAsync(paid.Charge, paid.Sponsorship, paid.Fund, paid.Donor, paid.Entry, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (paymentEvent.Kind == PaymentEventKind.AttemptFailed && row.Status == GatewayEventStatus.Applied)
        {
            // Counted after the commit, in the shared counters: a card tester's try on a hosted page (off-session
            // declines are skipped there, having no checkout).
            await declines.RecordAsync(paymentEvent.ChargeId, paymentEvent.CardFingerprint, cancellationToken);
        }

        if (outcome.Receipt?.Charge.CheckoutSessionId is not null)
        {
            // Paid just now, on a hosted page: the donor's first gift, or a period they confirmed with their bank.
            telemetry.CheckoutCompleted(gateway.Name);
        }

        return new ApplyResult(row.Status, outcome.Receipt is not null);
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

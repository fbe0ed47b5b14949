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
/// the payment is read before the transaction opens, so no database lock waits on a network call. The applier may put
/// several events in one transaction (<see cref="ApplyGatewayEvent.ApplyTogetherAsync"/>): the three steps are public
/// for it.
/// </summary>
public sealed class ApplyPaymentEvent(
    PortalDbContext db, PaymentGateways gateways, ChargeOutcomes outcomes, ReceiptMail receipts, CharityCalendar calendar, PaymentLinks links,
    IGatewayEventReader reader, PortalTelemetry telemetry, Sponsorships.CardTesting.DeclineVelocity declines)
{
    public async Task<ApplyResult> ApplyAsync(GatewayEvent row, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(row, lookups: null, cancellationToken);
        if (prepared.Done is { } done)
        {
            return done;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ApplyPreparedAsync(row, prepared, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await AfterCommitAsync(row, prepared, cancellationToken);
    }

    /// <summary>
    /// Before the transaction: reads the event's payment and asks the gateway what it needs. An event about no charge
    /// of ours is concluded here (<see cref="PreparedPayment.Done"/>).
    /// </summary>
    /// <param name="lookups">
    /// The gateway's answers already read for events applied in the same transaction, by payment: a checkout's
    /// completion and its payment's success ask about one payment, which is then read once.
    /// </param>
    public async Task<PreparedPayment> PrepareAsync(
        GatewayEvent row, Dictionary<string, PaymentLookup?>? lookups, CancellationToken cancellationToken)
    {
        if (reader.ReadPayment(row) is not { } paymentEvent)
        {
            const string note = "Not about a payment the portal started (no charge_id in its metadata).";
            return new PreparedPayment(
                null, "", null, await EventOutcome.SaveAsync(db, row, GatewayEventStatus.Ignored, note, calendar.UtcNow, cancellationToken));
        }

        var gateway = gateways.Named(row.Gateway)
            ?? throw new InvalidOperationException($"The event came from gateway '{row.Gateway}', which is not configured.");
        var lookup = await LookUpAsync(paymentEvent, gateway, lookups, cancellationToken);
        // A first key ring is written by a connection of its own: never inside the transaction (SQLite has one writer).
        links.EnsureKeys();
        return new PreparedPayment(paymentEvent, gateway.Name, lookup, null);
    }

    /// <summary>
    /// Inside the caller's transaction, before it applies several events: reads what they all need in a few queries
    /// (decision 050).
    /// </summary>
    public Task LoadAsync(IEnumerable<PreparedPayment> prepared, CancellationToken cancellationToken) =>
        outcomes.LoadAsync([.. prepared.Select(p => p.Event?.ChargeId).OfType<Guid>().Distinct()], cancellationToken);

    /// <summary>Inside the caller's transaction: moves the charge, posts, queues the receipt and concludes the event.</summary>
    public async Task ApplyPreparedAsync(GatewayEvent row, PreparedPayment prepared, CancellationToken cancellationToken)
    {
        var paymentEvent = prepared.Event ?? throw new InvalidOperationException("The event was concluded before its transaction.");
        row.Attempts++;
        row.ProcessedAt = calendar.UtcNow;
        var outcome = await outcomes.ApplyAsync(paymentEvent, prepared.Gateway, prepared.Lookup, cancellationToken);
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

        prepared.Outcome = outcome;
    }

    /// <summary>After the commit: what is counted only once the event's effects are saved.</summary>
    public async Task<ApplyResult> AfterCommitAsync(GatewayEvent row, PreparedPayment prepared, CancellationToken cancellationToken)
    {
        var outcome = prepared.Outcome ?? throw new InvalidOperationException("The event was not applied.");
        if (prepared.Event is { Kind: PaymentEventKind.AttemptFailed } failed && row.Status == GatewayEventStatus.Applied)
        {
            // Counted after the commit, in the shared counters: a card tester's try on a hosted page (off-session
            // declines are skipped there, having no checkout).
            await declines.RecordAsync(failed.ChargeId, failed.CardFingerprint, cancellationToken);
        }

        if (outcome.Receipt?.Charge.CheckoutSessionId is not null)
        {
            // Paid just now, on a hosted page: the donor's first gift, or a period they confirmed with their bank.
            telemetry.CheckoutCompleted(prepared.Gateway);
        }

        return new ApplyResult(row.Status, outcome.Receipt is not null);
    }

    /// <summary>
    /// For a payment that has just succeeded: the fee and the saved method, which the event may not carry. For a
    /// failure of a payment recorded as paid: whether the gateway really says it failed now (a returned debit), since
    /// events arrive in any order.
    /// </summary>
    private async Task<PaymentLookup?> LookUpAsync(
        PaymentEvent paymentEvent, IPaymentGateway gateway, Dictionary<string, PaymentLookup?>? lookups, CancellationToken cancellationToken)
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
            if (alreadyRecorded || intentId is null)
            {
                return null;
            }

            if (lookups?.TryGetValue(intentId, out var known) == true)
            {
                return known;
            }

            var lookup = await gateway.GetPaymentAsync(intentId, cancellationToken);
            lookups?.Add(intentId, lookup);
            return lookup;
        }

        var failedAfterPaid = paymentEvent.Kind is PaymentEventKind.Failed or PaymentEventKind.AttemptFailed
            && charge.Status == ChargeStatus.Succeeded && charge.PaymentIntentId is not null;
        return failedAfterPaid ? await gateway.GetPaymentAsync(charge.PaymentIntentId!, cancellationToken) : null;
    }
}

/// <summary>
/// A payment event made ready to apply: what it says, its gateway and what the gateway answered; or, when applying
/// ended before any transaction, how (<see cref="Done"/>).
/// </summary>
public sealed record PreparedPayment(PaymentEvent? Event, string Gateway, PaymentLookup? Lookup, ApplyResult? Done)
{
    /// <summary>Set by <see cref="ApplyPaymentEvent.ApplyPreparedAsync"/>.</summary>
    public OutcomeResult? Outcome { get; set; }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Payments.Events.Handlers;
using Portal.Core.Shared;

namespace Portal.Core.Payments.Events;

/// <summary>
/// Applies stored events: finds each type's handler in <see cref="GatewayEventHandlers"/> and lets it apply the event
/// in its own transaction, or applies several payment events in one (<see cref="ApplyTogetherAsync"/>). A type without
/// a handler is recorded as ignored, never thrown on. Scoped: one instance per attempt, with a fresh context that the
/// handlers share.
/// </summary>
public sealed class ApplyGatewayEvent(PortalDbContext db, GatewayEventHandlers handlers, IServiceProvider services, CharityCalendar calendar,
    IGatewayEventReader reader, PortalTelemetry telemetry, ILogger<ApplyGatewayEvent> logger)
{
    public async Task<ApplyResult> ApplyAsync(long inboxId, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginIdScope("GatewayEventId", inboxId);
        using var activity = PortalTelemetry.Source.StartActivity("apply gateway event");
        activity?.SetTag("portal.gateway_event_id", inboxId);
        var row = await db.GatewayEvents.SingleOrDefaultAsync(e => e.Id == inboxId, cancellationToken);
        if (row is null || row.Status != GatewayEventStatus.Pending)
        {
            PaymentLog.EventNotPending(logger, inboxId, row?.Status);
            return new ApplyResult(row?.Status, ReceiptQueued: false);
        }

        activity?.SetTag("portal.event_type", row.Type);
        ApplyResult result;
        if (handlers.Find(row.Type) is not { } handlerType)
        {
            PaymentLog.EventTypeIgnored(logger, inboxId, row.Type);
            var note = $"The portal does not act on {row.Type} events.";
            result = Concluded(
                row, await EventOutcome.SaveAsync(db, row, GatewayEventStatus.Ignored, note, calendar.UtcNow, cancellationToken), handled: false);
        }
        else
        {
            var handler = (IGatewayEventHandler)services.GetRequiredService(handlerType);
            result = Concluded(row, await handler.HandleAsync(row, cancellationToken));
        }

        activity?.SetTag("portal.event_status", result.Status?.ToString());
        return result;
    }

    /// <summary>
    /// Applies claimed payment events (a checkout's, a payment's) in one transaction, in id order: at a storm the
    /// commit, the ledger totals and the turn at SQLite's one writer are shared by all of them (decision 043). What
    /// each needs from the gateway is read before the transaction opens. Events of other kinds, a failure of a charge
    /// an earlier event here is about, and the later events of their payment, are left to be applied alone afterwards,
    /// in order. Anything that fails rolls the whole
    /// transaction back and throws: the caller then applies the events one by one, as a single event is.
    /// </summary>
    /// <param name="ids">Claimed events, oldest first.</param>
    /// <param name="applied">Tests only: called inside the transaction after each event is applied.</param>
    /// <returns>The events it concluded, with their results; those it left are not in it.</returns>
    public async Task<Dictionary<long, ApplyResult>> ApplyTogetherAsync(
        IReadOnlyList<long> ids, Action<long>? applied, CancellationToken cancellationToken)
    {
        using var activity = PortalTelemetry.Source.StartActivity("apply gateway events");
        activity?.SetTag("portal.gateway_event_count", ids.Count);
        var rows = await db.GatewayEvents.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var payments = services.GetRequiredService<ApplyPaymentEvent>();
        var results = new Dictionary<long, ApplyResult>();
        var leftPayments = new HashSet<string>(StringComparer.Ordinal);
        var together = new List<(GatewayEvent Row, PreparedPayment Prepared)>();
        var lookups = new Dictionary<string, PaymentLookup?>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (rows.GetValueOrDefault(id) is not { Status: GatewayEventStatus.Pending } row)
            {
                PaymentLog.EventNotPending(logger, id, rows.GetValueOrDefault(id)?.Status);
                results[id] = new ApplyResult(rows.GetValueOrDefault(id)?.Status, ReceiptQueued: false);
            }
            else if (!IsPayment(row) || (row.OrderKey is { } key && leftPayments.Contains(key)))
            {
                if (row.OrderKey is { } leftKey)
                {
                    leftPayments.Add(leftKey);
                }
            }
            else if (await payments.PrepareAsync(row, lookups, cancellationToken) is var prepared && prepared.Done is { } done)
            {
                results[id] = Concluded(row, done);
            }
            else if (prepared.Event is { Kind: PaymentEventKind.Failed or PaymentEventKind.AttemptFailed } failed
                && together.Any(t => t.Prepared.Event?.ChargeId == failed.ChargeId))
            {
                // Whether a failure reverses a paid charge is asked of the gateway before the transaction, from the
                // charge as saved: an earlier event here may pay it first. Alone, after the commit, it is asked again.
                if (row.OrderKey is { } failedKey)
                {
                    leftPayments.Add(failedKey);
                }
            }
            else
            {
                together.Add((row, prepared));
            }
        }

        if (together.Count == 0)
        {
            return results;
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await payments.LoadAsync(together.Select(t => t.Prepared), cancellationToken);
            foreach (var (row, prepared) in together)
            {
                // Each event keeps its own span and log scope, as when it is applied alone.
                using var scope = logger.BeginIdScope("GatewayEventId", row.Id);
                using var span = PortalTelemetry.Source.StartActivity("apply gateway event");
                span?.SetTag("portal.gateway_event_id", row.Id);
                span?.SetTag("portal.event_type", row.Type);
                await payments.ApplyPreparedAsync(row, prepared, cancellationToken);
                span?.SetTag("portal.event_status", row.Status.ToString());
                applied?.Invoke(row.Id);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var (row, prepared) in together)
        {
            results[row.Id] = Concluded(row, await payments.AfterCommitAsync(row, prepared, cancellationToken));
        }

        return results;
    }

    /// <summary>Whether the event is applied by <see cref="ApplyPaymentEvent"/>: a payment's, or a checkout's that took a payment.</summary>
    private bool IsPayment(GatewayEvent row) =>
        handlers.Find(row.Type) is { } handler
        && (handler == typeof(PaymentIntentEvents) || (handler == typeof(CheckoutSessionEvents) && reader.ReadSetup(row) is null));

    /// <summary>Logs how a handler's applying ended, and measures how long after the event it was concluded.</summary>
    private ApplyResult Concluded(GatewayEvent row, ApplyResult result, bool handled = true)
    {
        // A type without a handler was logged as ignored before it was saved.
        if (handled && result.Status == GatewayEventStatus.Unmatched)
        {
            PaymentLog.EventUnmatched(logger, row.Id, row.Type, row.Note);
        }
        else if (handled)
        {
            PaymentLog.EventApplied(logger, row.Id, row.Type, result.Status, row.Note);
        }

        if (row.OccurredAt is { } created && result.Status is not GatewayEventStatus.Pending)
        {
            telemetry.WebhookLag(calendar.UtcNow - created, "applied", row.Type);
        }

        return result;
    }
}

public sealed record ApplyResult(GatewayEventStatus? Status, bool ReceiptQueued);

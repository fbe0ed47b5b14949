using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Shared;

namespace Portal.Core.Payments.Events;

/// <summary>
/// Applies one stored event: finds its type's handler in <see cref="GatewayEventHandlers"/> and lets it apply the event
/// in its own transaction. A type without a handler is recorded as ignored, never thrown on. Scoped: one instance per
/// attempt, with a fresh context that the handler shares.
/// </summary>
public sealed class ApplyGatewayEvent(PortalDbContext db, GatewayEventHandlers handlers, IServiceProvider services, CharityCalendar calendar,
    PortalTelemetry telemetry, ILogger<ApplyGatewayEvent> logger)
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
            result = await EventOutcome.SaveAsync(db, row, GatewayEventStatus.Ignored, note, calendar.UtcNow, cancellationToken);
        }
        else
        {
            var handler = (IGatewayEventHandler)services.GetRequiredService(handlerType);
            result = await handler.HandleAsync(row, cancellationToken);
            if (result.Status == GatewayEventStatus.Unmatched)
            {
                PaymentLog.EventUnmatched(logger, inboxId, row.Type, row.Note);
            }
            else
            {
                PaymentLog.EventApplied(logger, inboxId, row.Type, result.Status, row.Note);
            }
        }

        activity?.SetTag("portal.event_status", result.Status?.ToString());
        if (row.OccurredAt is { } created && result.Status is not GatewayEventStatus.Pending)
        {
            telemetry.WebhookLag(calendar.UtcNow - created, "applied", row.Type);
        }

        return result;
    }
}

public sealed record ApplyResult(GatewayEventStatus? Status, bool ReceiptQueued);

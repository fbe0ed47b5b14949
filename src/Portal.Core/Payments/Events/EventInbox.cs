using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Payments.Stripe;

namespace Portal.Core.Payments.Events;

/// <summary>
/// Stores a verified gateway event once by its id, with the payment it is about (its order key); a repeated delivery
/// finds the stored one. Once stored the event is safe: the appliers claim and apply it.
/// </summary>
public sealed class EventInbox(PortalDbContext db, TimeProvider clock, PortalTelemetry telemetry, ILogger<EventInbox> logger)
{
    /// <returns>The inbox row's id, and whether this call stored it (false for a repeated delivery).</returns>
    public async Task<(long Id, bool Stored)> RecordAsync(
        string gateway,
        string eventId,
        string type,
        string payload,
        DateTime? occurredAt,
        CancellationToken cancellationToken)
    {
        var existing = await FindAsync(gateway, eventId, cancellationToken);
        if (existing is not null)
        {
            PaymentLog.EventDuplicate(logger, eventId, type);
            return (existing.Value, false);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var row = new GatewayEvent
        {
            Gateway = gateway,
            EventId = eventId,
            Type = type,
            Payload = payload,
            OccurredAt = occurredAt,
            ReceivedAt = now,
            NextAttemptAt = now,
            Status = GatewayEventStatus.Pending,
            OrderKey = StripeOrderKey.Of(type, payload),
        };
        db.GatewayEvents.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            PaymentLog.EventStored(logger, eventId, type);
            if (occurredAt is { } created)
            {
                telemetry.WebhookLag(now - created, "stored", type);
            }

            return (row.Id, true);
        }
        catch (DbUpdateException)
        {
            // Two deliveries of one event arrived together and the other stored it; anything else is a real failure.
            db.Entry(row).State = EntityState.Detached;
            var raced = await FindAsync(gateway, eventId, cancellationToken);
            if (raced is null)
            {
                throw;
            }

            PaymentLog.EventDuplicate(logger, eventId, type);
            return (raced.Value, false);
        }
    }

    private async Task<long?> FindAsync(string gateway, string eventId, CancellationToken cancellationToken) =>
        await db.GatewayEvents.Where(e => e.Gateway == gateway && e.EventId == eventId)
            .Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
}

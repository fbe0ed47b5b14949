using Microsoft.Extensions.Logging;
using Portal.Core.Hosting;
using Portal.Core.Payments.Stripe;

namespace Portal.Core.Payments.Events;

/// <summary>
/// Stores a verified gateway event once by its id, with the payment it is about (its order key); a repeated delivery
/// finds the stored one. Once stored the event is safe: the appliers claim and apply it.
/// </summary>
public sealed class EventInbox(InboxBatches batches, TimeProvider clock, PortalTelemetry telemetry, ILogger<EventInbox> logger)
{
    /// <returns>The inbox row's id, and whether this call stored it (false for a repeated delivery).</returns>
    public Task<(long Id, bool Stored)> RecordAsync(
        string gateway,
        string eventId,
        string type,
        string payload,
        DateTime? occurredAt,
        CancellationToken cancellationToken) =>
        RecordAsync(gateway, eventId, type, payload, occurredAt, StripeOrderKey.Of(type, payload), cancellationToken);

    /// <param name="orderKey">The payment the event is about, when the caller has read it already (the webhook's one pass).</param>
    /// <returns>The inbox row's id, and whether this call stored it (false for a repeated delivery).</returns>
    public async Task<(long Id, bool Stored)> RecordAsync(
        string gateway,
        string eventId,
        string type,
        string payload,
        DateTime? occurredAt,
        string? orderKey,
        CancellationToken cancellationToken)
    {
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
            OrderKey = orderKey,
        };

        // Stored with the other events delivered at the same moment, in one commit (InboxBatches).
        var (id, stored) = await batches.StoreAsync(row, cancellationToken);
        if (!stored)
        {
            PaymentLog.EventDuplicate(logger, eventId, type);
            return (id, false);
        }

        PaymentLog.EventStored(logger, eventId, type);
        if (occurredAt is { } created)
        {
            telemetry.WebhookLag(now - created, "stored", type);
        }

        return (id, true);
    }
}

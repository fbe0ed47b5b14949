namespace Portal.Core.Payments.Events;

/// <summary>
/// The inbox: every event a gateway sent us, stored once by its id before anything acts on it. Long-lived appliers
/// claim stored events in batches (a lease) and apply them (see <see cref="EventClaims"/>); the raw payload stays for
/// audit and re-application.
/// </summary>
public class GatewayEvent
{
    public long Id { get; set; }

    public required string Gateway { get; set; }

    /// <summary>The gateway's event id (<c>evt_...</c>): unique per gateway, so a repeated delivery is dropped.</summary>
    public required string EventId { get; set; }

    public required string Type { get; set; }

    public required string Payload { get; set; }

    public DateTime ReceivedAt { get; set; }

    /// <summary>When the gateway created the event.</summary>
    public DateTime? OccurredAt { get; set; }

    public GatewayEventStatus Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>When a claim may take a pending event again after a failed attempt.</summary>
    public DateTime NextAttemptAt { get; set; }

    public DateTime? ProcessedAt { get; set; }

    /// <summary>Why it was ignored, or the last error while applying it.</summary>
    public string? Note { get; set; }

    /// <summary>
    /// The payment the event is about (for Stripe's shapes the PaymentIntent id, else the object's id), stored at
    /// receipt: events of one payment are applied in the order they arrived. Null when the payload names none.
    /// </summary>
    public string? OrderKey { get; set; }

    /// <summary>The applier holding the event's claim; null when nobody does.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Until when <see cref="LeaseOwner"/> holds the claim; after that another applier may take the event.</summary>
    public DateTime? LeaseExpiresAt { get; set; }

    /// <summary>
    /// Records how applying ended. An event no longer pending is no claim's any more: its lease is given back in the
    /// same save, so the applier needs no write of its own to release it.
    /// </summary>
    public void Conclude(GatewayEventStatus status)
    {
        Status = status;
        if (status != GatewayEventStatus.Pending)
        {
            LeaseOwner = null;
            LeaseExpiresAt = null;
        }
    }
}

public enum GatewayEventStatus
{
    Pending = 0,
    Applied = 1,
    /// <summary>A type we do not act on, recorded and left.</summary>
    Ignored = 2,
    /// <summary>About one of ours we cannot find (a charge id we never issued): kept for finance to look at.</summary>
    Unmatched = 3,
    /// <summary>Applying failed repeatedly; it stays visible until someone looks.</summary>
    Failed = 4,
}

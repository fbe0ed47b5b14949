using Portal.Core.Data;

namespace Portal.Core.Payments.Events;

/// <summary>Records one attempt at an event: its status, why, and when.</summary>
internal static class EventOutcome
{
    public static async Task<ApplyResult> SaveAsync(
        PortalDbContext db, GatewayEvent row, GatewayEventStatus status, string? note, DateTime now, CancellationToken cancellationToken)
    {
        row.Attempts++;
        row.ProcessedAt = now;
        row.Conclude(status);
        row.Note = note is { Length: > 1000 } ? note[..1000] : note;
        await db.SaveChangesAsync(cancellationToken);
        return new ApplyResult(row.Status, ReceiptQueued: false);
    }

    /// <summary>What changed, as the event's note; null when nothing did.</summary>
    public static string? Note(IReadOnlyList<string> changes) => changes.Count == 0 ? null : string.Join("; ", changes);

    public const string NotReadable = "Not about a payment, dispute or payout the portal can read.";
}

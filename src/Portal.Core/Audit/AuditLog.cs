using Portal.Core.Data;

namespace Portal.Core.Audit;

/// <summary>Adds an audit record to the caller's unit of work, so the record commits with the action or not at all.</summary>
public sealed class AuditLog(PortalDbContext db, TimeProvider clock)
{
    public void Record(string actorId, string actorName, string action, string? subject = null, string? details = null, string? ipAddress = null) =>
        db.AuditRecords.Add(new AuditRecord
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorId = actorId,
            ActorName = actorName,
            Action = action,
            Subject = subject,
            Details = details,
            IpAddress = ipAddress,
        });
}

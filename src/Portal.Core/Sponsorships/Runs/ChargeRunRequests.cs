using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Sponsorships.Runs;

/// <summary>A run a staff member asked for, not yet started by a worker.</summary>
public sealed record ChargeRunRequest(DateTime AskedAt, string AskedBy);

/// <summary>
/// A run started by hand is queued from the moment it is asked for (the audit record, written with the request) until
/// a worker starts a run in that staff member's name: the page shows it as queued meanwhile, not as nothing.
/// </summary>
public static class ChargeRunRequests
{
    /// <summary>The audit action written when a staff member asks for a run.</summary>
    public const string AuditAction = "charges.run-started";

    // An hour on, the scheduled run has charged whatever was due: a request older than that is not waited for.
    private static readonly TimeSpan LookBack = TimeSpan.FromHours(1);

    // The worker's clock may be a little behind the web node's that wrote the request.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>The latest request, if no run has started for it yet.</summary>
    public static async Task<ChargeRunRequest?> QueuedAsync(PortalDbContext db, DateTime utcNow, CancellationToken cancellationToken)
    {
        var since = utcNow - LookBack;
        var asked = await db.AuditRecords.AsNoTracking().Where(a => a.At >= since && a.Action == AuditAction)
            .OrderByDescending(a => a.At).Select(a => new { a.At, a.ActorName }).FirstOrDefaultAsync(cancellationToken);
        if (asked is null)
        {
            return null;
        }

        var startedAfter = asked.At - ClockSkew;
        var started = await db.ChargeRuns.AnyAsync(r => r.StartedBy == asked.ActorName && r.StartedAt >= startedAfter, cancellationToken);
        return started ? null : new ChargeRunRequest(asked.At, asked.ActorName);
    }
}

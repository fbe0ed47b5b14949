using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Donors;

/// <summary>
/// Donor sessions held on the server: the cookie names a <see cref="DonorSession"/>, every request checks it by its key
/// (in the shared database, so a sign-out on one node holds on all), and revoking the row ends the session.
/// </summary>
public sealed class DonorSessions(PortalDbContext db, TimeProvider clock)
{
    /// <summary>How stale <see cref="DonorSession.LastSeenAt"/> may be before a request writes it again.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(5);

    public const int UserAgentLength = 100;

    public async Task<Guid> StartAsync(Guid donorId, string? userAgent, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new DonorSession { DonorId = donorId, CreatedAt = now, LastSeenAt = now, UserAgent = UserAgents.Summary(userAgent) };
        db.DonorSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>Whether the session is the donor's and not revoked; notes that it was seen, at most every few minutes.</summary>
    public async Task<bool> IsActiveAsync(Guid sessionId, Guid donorId, CancellationToken cancellationToken) =>
        await ActiveLanguageAsync(sessionId, donorId, cancellationToken) is not null;

    /// <summary>
    /// The donor's saved language if the session is the donor's and not revoked, else null: the same one read by key
    /// that checks the session, so the pages know the donor's language at no extra cost.
    /// </summary>
    public async Task<string?> ActiveLanguageAsync(Guid sessionId, Guid donorId, CancellationToken cancellationToken)
    {
        var session = await (
            from s in db.DonorSessions.AsNoTracking()
            where s.Id == sessionId
            join donor in db.Donors on s.DonorId equals donor.Id
            select new { s.DonorId, s.RevokedAt, s.LastSeenAt, donor.Language }).SingleOrDefaultAsync(cancellationToken);
        if (session is null || session.DonorId != donorId || session.RevokedAt is not null)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (now - session.LastSeenAt >= TouchInterval)
        {
            await db.DonorSessions.Where(s => s.Id == sessionId)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        }

        return session.Language;
    }

    /// <summary>Ends one session (sign-out). Revoking a revoked or unknown session changes nothing.</summary>
    public Task<int> RevokeAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.DonorSessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RevokedAt, now), cancellationToken);
    }

    /// <summary>
    /// Ends every session of the donor, on every node, at their next request: "sign out everywhere", and erasure.
    /// Returns how many were still open.
    /// </summary>
    public Task<int> RevokeAllAsync(Guid donorId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.DonorSessions.Where(s => s.DonorId == donorId && s.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RevokedAt, now), cancellationToken);
    }

    /// <summary>The donor's open sessions, newest first, for their account page.</summary>
    public Task<List<DonorSession>> OpenAsync(Guid donorId, CancellationToken cancellationToken) =>
        db.DonorSessions.AsNoTracking().Where(s => s.DonorId == donorId && s.RevokedAt == null)
            .OrderByDescending(s => s.LastSeenAt).ToListAsync(cancellationToken);
}

using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Sponsorships;

/// <summary>
/// Finance's "Retry now" on a past-due sponsorship: its latest declined charge is due for retry at once and the
/// sponsorship is active again, so the next charge run tries it. Audited with the staff user.
/// </summary>
public sealed class RetryPastDue(PortalDbContext db, AuditLog audit, CharityCalendar calendar)
{
    /// <returns>False when the sponsorship is not past due or has no declined charge (someone acted meanwhile).</returns>
    public async Task<bool> RetryAsync(Guid sponsorshipId, string staffId, string staffName, CancellationToken cancellationToken)
    {
        var sponsorship = await db.Sponsorships
            .SingleOrDefaultAsync(s => s.Id == sponsorshipId && s.Status == SponsorshipStatus.PastDue, cancellationToken);
        var charge = sponsorship is null
            ? null
            : await db.Charges.Where(c => c.SponsorshipId == sponsorshipId && c.Status == ChargeStatus.Failed).OrderByDescending(c => c.PeriodStart)
                .FirstOrDefaultAsync(cancellationToken);
        if (sponsorship is null || charge is null)
        {
            return false;
        }

        var now = calendar.UtcNow;
        charge.NextRetryAt = now;
        sponsorship.Status = SponsorshipStatus.Active;
        sponsorship.PastDueSince = null;
        db.ChargeAttempts.Add(new ChargeAttempt
        {
            ChargeId = charge.Id,
            Attempt = charge.Attempt,
            OccurredAt = now,
            Outcome = ChargeAttemptOutcome.RetryRequested,
            Message = $"Retry requested by {staffName}"
        });
        audit.Record(staffId, staffName, "sponsorship.retry-requested", $"sponsorship:{sponsorshipId}", $"charge {charge.Id}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Payments;

namespace Portal.Core.Sponsorships;

/// <summary>
/// Puts a donor's newly saved payment method on every recurring sponsorship they have at that gateway that is still
/// charged (active, paused or past due). A past-due sponsorship goes back to active and its latest failed charge is
/// retried by the next charge run. Applying the same method again changes nothing. The caller saves.
/// </summary>
public sealed class UseNewPaymentMethod(PortalDbContext db, AuditLog audit, CharityCalendar calendar)
{
    public async Task<NewMethodResult> ApplyAsync(
        Guid donorId,
        string gateway,
        string? customerId,
        SavedPaymentMethod method,
        CancellationToken cancellationToken)
    {
        if (!await db.Donors.AnyAsync(d => d.Id == donorId, cancellationToken))
        {
            return NewMethodResult.NoSuchDonor;
        }

        var sponsorships = await db.Sponsorships
            .Where(s => s.DonorId == donorId && s.Gateway == gateway && s.Interval != SponsorshipInterval.Once
                && (s.Status == SponsorshipStatus.Active || s.Status == SponsorshipStatus.Paused || s.Status == SponsorshipStatus.PastDue)
                && (s.GatewayPaymentMethodId == null || s.GatewayPaymentMethodId != method.Id))
            .ToListAsync(cancellationToken);
        var now = calendar.UtcNow;
        var retries = 0;
        foreach (var sponsorship in sponsorships)
        {
            sponsorship.UseMethod(method);
            sponsorship.GatewayCustomerId = customerId ?? sponsorship.GatewayCustomerId;
            if (sponsorship.Status == SponsorshipStatus.PastDue && await RetryLatestFailedAsync(sponsorship.Id, now, cancellationToken))
            {
                retries++;
            }

            if (sponsorship.Status == SponsorshipStatus.PastDue)
            {
                sponsorship.Status = SponsorshipStatus.Active;
                sponsorship.PastDueSince = null;
            }
        }

        if (sponsorships.Count > 0)
        {
            var expiry = method.ExpiresOn is { } on ? $", valid until {on:yyyy-MM}" : "";
            audit.Record($"donor:{donorId}", "Donor", "donor.payment-method-updated", $"donor:{donorId}",
                $"{method.Brand} {method.Last4}{expiry} ({method.Id}) on {sponsorships.Count} sponsorship(s); {retries} failed charge(s) to retry.");
        }

        return sponsorships.Count > 0 ? NewMethodResult.Updated : NewMethodResult.NothingToUpdate;
    }

    private async Task<bool> RetryLatestFailedAsync(Guid sponsorshipId, DateTime now, CancellationToken cancellationToken)
    {
        var charge = await db.Charges.Where(c => c.SponsorshipId == sponsorshipId && c.Status == ChargeStatus.Failed)
            .OrderByDescending(c => c.PeriodStart).FirstOrDefaultAsync(cancellationToken);
        if (charge is null)
        {
            return false;
        }

        charge.NextRetryAt = now;
        db.ChargeAttempts.Add(new ChargeAttempt
        {
            ChargeId = charge.Id,
            Attempt = charge.Attempt,
            OccurredAt = now,
            Outcome = ChargeAttemptOutcome.RetryRequested,
            Message = "The donor saved a new payment method.",
        });
        return true;
    }
}

public enum NewMethodResult
{
    Updated = 1,
    /// <summary>The donor has no sponsorship still charged at this gateway, or all already use this method.</summary>
    NothingToUpdate = 2,
    NoSuchDonor = 3,
}

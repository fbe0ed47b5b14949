using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Payments;
using Portal.Core.Sponsorships;

namespace Portal.Core.Privacy;

/// <summary>The steps of <see cref="DonorErasure"/>, each safe to repeat.</summary>
public sealed class ErasureSteps(PortalDbContext db, SponsorshipChanges changes, PaymentGateways gateways, AuditLog audit, CharityCalendar calendar)
{
    private static readonly SponsorshipStatus[] Running = [SponsorshipStatus.Active, SponsorshipStatus.Paused, SponsorshipStatus.PastDue];

    /// <summary>Cancels the donor's running sponsorships the way the donor would, so nothing more is charged.</summary>
    public async Task CancelSponsorshipsAsync(Guid donorId, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 3; round++)
        {
            var running = await db.Sponsorships.AsNoTracking()
                .Where(s => s.DonorId == donorId && s.Interval != SponsorshipInterval.Once && Running.Contains(s.Status))
                .Select(s => new { s.Id, s.Version }).ToListAsync(cancellationToken);
            if (running.Count == 0)
            {
                return;
            }

            foreach (var s in running)
            {
                // A concurrent change (the charge run) makes this one ChangedMeanwhile: the next round tries again.
                // No confirmation e-mail: the donor asked to be forgotten, and the address is pseudonymised next.
                await changes.CancelAsync(new ChangeRequest(donorId, s.Id, s.Version, ConfirmByEmail: false), "other", null, cancellationToken);
            }
        }

        throw new InvalidOperationException($"The sponsorships of donor {donorId} kept changing while they were cancelled for an erasure.");
    }

    /// <summary>Deletes every customer the donor has at a gateway. Returns why not, when a gateway did not answer.</summary>
    public async Task<string?> DeleteGatewayCustomersAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        var donorId = request.DonorId;
        var known = await db.DonorGatewayCustomers.AsNoTracking().Where(c => c.DonorId == donorId)
            .Select(c => new { c.Gateway, c.CustomerId }).ToListAsync(cancellationToken);
        var onSponsorships = await db.Sponsorships.AsNoTracking().Where(s => s.DonorId == donorId && s.GatewayCustomerId != null)
            .Select(s => new { s.Gateway, CustomerId = s.GatewayCustomerId! }).Distinct().ToListAsync(cancellationToken);
        foreach (var customer in known.Concat(onSponsorships).Distinct())
        {
            var gateway = gateways.Named(customer.Gateway);
            if (gateway is null)
            {
                return $"The {customer.Gateway} gateway is not configured, so customer {customer.CustomerId} cannot be deleted.";
            }

            var key = $"erasure-{request.Id}-{customer.CustomerId}";
            if (await gateway.DeleteCustomerAsync(customer.CustomerId, key, cancellationToken) is CustomerDeletion.Unavailable unavailable)
            {
                return unavailable.Reason;
            }
        }

        await db.DonorGatewayCustomers.Where(c => c.DonorId == donorId).ExecuteDeleteAsync(cancellationToken);
        return null;
    }

    /// <summary>Pseudonymises the donor everywhere and completes the request, in one transaction: all of it or none.</summary>
    public async Task PseudonymiseAndCompleteAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = calendar.UtcNow;
        var completed = await db.ErasureRequests.Where(r => r.Id == request.Id && r.State == ErasureState.GatewayCustomersDeleted)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.State, ErasureState.Completed).SetProperty(r => r.CompletedAt, now), cancellationToken);
        if (completed == 0)
        {
            // Another run completed it first.
            return;
        }

        var redacted = await Pseudonyms.ApplyAsync(db, request.DonorId, now, cancellationToken);
        audit.Record(
            "system",
            "erasure",
            "privacy.erasure-completed",
            $"donor:{request.DonorId}",
            $"request {request.Id} ({request.Source}); {redacted} audit records redacted");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        request.State = ErasureState.Completed;
    }
}

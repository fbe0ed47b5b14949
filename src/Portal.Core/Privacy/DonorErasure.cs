using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Hosting;

namespace Portal.Core.Privacy;

/// <summary>
/// Erases a donor (GDPR Art. 17): records the request, cancels their active sponsorships, deletes their customer at the
/// gateway, then pseudonymises every personal field in one transaction that also marks the request complete. The money
/// records the law keeps (gifts, receipts, tax statements, refunds, disputes, the ledger) stay, under the donor's id.
/// Each step is recorded when done, so a run that stops is finished by running it again; the completion is written
/// once, by whichever run moves the request to <see cref="ErasureState.Completed"/>.
/// </summary>
public sealed class DonorErasure(PortalDbContext db, AuditLog audit, CharityCalendar calendar, ErasureSteps steps, DonorSessions sessions,
    ILogger<DonorErasure> logger)
{
    /// <summary>Records the request (or finds the one already recorded for the donor). Null when there is no such donor.</summary>
    public async Task<ErasureRequest?> RequestAsync(Guid donorId, ErasureRequester by, CancellationToken cancellationToken)
    {
        if (!await db.Donors.AnyAsync(d => d.Id == donorId, cancellationToken))
        {
            return null;
        }

        if (await FindAsync(donorId, cancellationToken) is { } existing)
        {
            return existing;
        }

        var request = new ErasureRequest
        {
            DonorId = donorId,
            Source = by.Source,
            Reference = by.Reference is { Length: > 500 } text ? text[..500] : by.Reference,
            RequestedBy = by.ActorId,
            RequestedAt = calendar.UtcNow,
        };
        db.ErasureRequests.Add(request);
        var details = $"{by.Source}: {request.Reference}".TrimEnd(' ', ':');
        audit.Record(by.ActorId, by.ActorName, "privacy.erasure-requested", $"donor:{donorId}", details);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return request;
        }
        catch (DbUpdateException)
        {
            // Asked twice at once (the donor and Finance, two clicks): the first request stands.
            db.ChangeTracker.Clear();
            return await FindAsync(donorId, cancellationToken);
        }
    }

    /// <summary>Carries out the request from its first step not done. Safe to run again, and at once with another run.</summary>
    public async Task<ErasureResult> RunAsync(long requestId, CancellationToken cancellationToken)
    {
        var request = await db.ErasureRequests.AsNoTracking().SingleAsync(r => r.Id == requestId, cancellationToken);
        // Every saved cookie of the donor, on every device and node, stops working first.
        await sessions.RevokeAllAsync(request.DonorId, cancellationToken);
        if (request.State == ErasureState.Requested)
        {
            await steps.CancelSponsorshipsAsync(request.DonorId, cancellationToken);
            await MoveAsync(request, ErasureState.SponsorshipsCancelled, null, cancellationToken);
        }

        if (request.State == ErasureState.SponsorshipsCancelled)
        {
            if (await steps.DeleteGatewayCustomersAsync(request, cancellationToken) is { } problem)
            {
                await MoveAsync(request, ErasureState.SponsorshipsCancelled, problem.Length > 500 ? problem[..500] : problem, cancellationToken);
                PrivacyLog.Pending(logger, request.Id, request.DonorId, problem);
                return new ErasureResult.Pending(problem);
            }

            await MoveAsync(request, ErasureState.GatewayCustomersDeleted, null, cancellationToken);
        }

        if (request.State == ErasureState.GatewayCustomersDeleted)
        {
            await steps.PseudonymiseAndCompleteAsync(request, cancellationToken);
            PrivacyLog.Completed(logger, request.Id, request.DonorId);
        }

        return new ErasureResult.Completed();
    }

    public Task<ErasureRequest?> FindAsync(Guid donorId, CancellationToken cancellationToken) =>
        db.ErasureRequests.AsNoTracking().SingleOrDefaultAsync(r => r.DonorId == donorId, cancellationToken);

    /// <summary>Moves the request on from the state this run found; a run that was overtaken goes on from the newer state.</summary>
    private async Task MoveAsync(ErasureRequest request, ErasureState state, string? error, CancellationToken cancellationToken)
    {
        var from = request.State;
        await db.ErasureRequests.Where(r => r.Id == request.Id && r.State == from)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.State, state).SetProperty(r => r.LastError, error), cancellationToken);
        request.State = await db.ErasureRequests.Where(r => r.Id == request.Id).Select(r => r.State).SingleAsync(cancellationToken);
    }
}

/// <summary>Who asked, for the audit record: the donor, Finance for a letter, or the retention job.</summary>
public sealed record ErasureRequester(ErasureSource Source, string ActorId, string ActorName, string? Reference)
{
    public static ErasureRequester Donor(Guid donorId) => new(ErasureSource.Donor, $"donor:{donorId}", "donor", null);

    public static ErasureRequester Retention(int years) => new(ErasureSource.Retention, "system", "retention", $"inactive for {years} years");
}

public abstract record ErasureResult
{
    private ErasureResult()
    {
    }

    public sealed record Completed : ErasureResult;

    /// <summary>A step could not be done now (the gateway did not answer); running again finishes it.</summary>
    public sealed record Pending(string Reason) : ErasureResult;
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships;

namespace Portal.Core.Privacy;

/// <summary>
/// The retention rule: finishes every erasure that stopped short (the gateway was down), then erases donors with no
/// gift, no running sponsorship and no sign-in for <see cref="PrivacyOptions.EraseInactiveAfterYears"/> years. Reads
/// ids a batch at a time and erases each in its own scope; a donor that fails is logged and the run goes on. Safe to
/// run twice: an erased donor is no longer a candidate, and a request is completed once.
/// </summary>
public sealed class InactiveDonorErasure(
    IServiceScopeFactory scopes,
    IDbContextFactory<PortalDbContext> contexts,
    IOptions<PrivacyOptions> options,
    CharityCalendar calendar,
    ILogger<InactiveDonorErasure> logger)
{
    public async Task<RetentionRun> RunAsync(CancellationToken cancellationToken)
    {
        var finished = await FinishPendingAsync(cancellationToken);
        var years = options.Value.EraseInactiveAfterYears;
        if (years == 0)
        {
            return new RetentionRun(finished, 0, 0);
        }

        var cutoff = calendar.UtcNow.AddYears(-years);
        int erased = 0, failed = 0;
        while (true)
        {
            var batch = await CandidatesAsync(cutoff, cancellationToken);
            var before = erased;
            foreach (var donorId in batch)
            {
                if (await EraseAsync(donorId, ErasureRequester.Retention(years), cancellationToken))
                {
                    erased++;
                }
                else
                {
                    failed++;
                }
            }

            // A donor whose erasure failed keeps its request row and is left to the next run's pending pass.
            if (batch.Count < options.Value.BatchSize || erased == before)
            {
                PrivacyLog.RetentionRun(logger, finished, erased, failed, cutoff);
                return new RetentionRun(finished, erased, failed);
            }
        }
    }

    private async Task<List<Guid>> CandidatesAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Donors.AsNoTracking()
            .Where(d => d.ErasedAt == null && d.CreatedAt < cutoff
                && !db.ErasureRequests.Any(r => r.DonorId == d.Id)
                && !db.Sponsorships.Any(s => s.DonorId == d.Id && (s.Status == SponsorshipStatus.Active || s.Status == SponsorshipStatus.Paused
                    || s.Status == SponsorshipStatus.PastDue || s.Status == SponsorshipStatus.Pending || s.CreatedAt >= cutoff))
                && !db.Charges.Any(c => c.CreatedAt >= cutoff && db.Sponsorships.Any(s => s.Id == c.SponsorshipId && s.DonorId == d.Id))
                && !db.DonorSignInTokens.Any(t => t.DonorId == d.Id && t.UsedAt >= cutoff))
            .OrderBy(d => d.CreatedAt).Select(d => d.Id).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
    }

    private async Task<int> FinishPendingAsync(CancellationToken cancellationToken)
    {
        var finished = 0;
        long after = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var pending = await db.ErasureRequests.AsNoTracking().Where(r => r.State != ErasureState.Completed && r.Id > after).OrderBy(r => r.Id)
                .Select(r => new { r.Id, r.DonorId }).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
            foreach (var request in pending)
            {
                finished += await EraseAsync(request.DonorId, null, cancellationToken) ? 1 : 0;
            }

            if (pending.Count < options.Value.BatchSize)
            {
                return finished;
            }

            after = pending[^1].Id;
        }
    }

    /// <summary>Requests (when <paramref name="by"/> is given) and carries out one erasure in its own scope.</summary>
    private async Task<bool> EraseAsync(Guid donorId, ErasureRequester? by, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var erasure = scope.ServiceProvider.GetRequiredService<DonorErasure>();
            var request = by is null
                ? await erasure.FindAsync(donorId, cancellationToken)
                : await erasure.RequestAsync(donorId, by, cancellationToken);
            return request is not null && await erasure.RunAsync(request.Id, cancellationToken) is ErasureResult.Completed;
        }
        catch (Exception error) when (error is DbUpdateException or InvalidOperationException)
        {
            PrivacyLog.Failed(logger, error, donorId);
            return false;
        }
    }
}

/// <param name="Finished">Erasures that had stopped short and are now complete.</param>
public sealed record RetentionRun(int Finished, int Erased, int Failed);

using System.Threading.Channels;
using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Payments;
using Portal.Core.Sponsorships.Dunning;

namespace Portal.Core.Sponsorships.Runs;

/// <summary>The run's first stage: what is due, claimed in batches.</summary>
public sealed partial class ChargeRunner
{
    // ---- Stage 1: what is due, claimed in batches --------------------------------------------------------------

    /// <param name="stopClaiming">A shutdown: claim no further batch, but hand over all of the batch in hand.</param>
    private async Task ReadDueAsync(RunPart part, ChannelWriter<ChargeWork> work, CancellationToken stopClaiming, CancellationToken cancellationToken)
    {
        try
        {
            if (part.Starter)
            {
                // Lost answers and retries are few and read without locks: one part takes them, so no two ask twice.
                await ReadUnansweredAsync(part, work, stopClaiming, cancellationToken);
                await ReadRetriesAsync(part, work, stopClaiming, cancellationToken);
            }

            await ReadNewPeriodsAsync(part, work, stopClaiming, cancellationToken);
        }
        finally
        {
            work.TryComplete();
        }
    }

    /// <summary>Attempts sent long ago whose answer was never recorded: ask the gateway first.</summary>
    private async Task ReadUnansweredAsync(
        RunPart part, ChannelWriter<ChargeWork> work, CancellationToken stopClaiming, CancellationToken cancellationToken)
    {
        var sentBefore = calendar.UtcNow - settings.UnansweredAfter;
        var after = Guid.Empty;
        while (!stopClaiming.IsCancellationRequested)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var batch = await db.Charges.AsNoTracking()
                .Where(c => c.Status == ChargeStatus.InFlight && c.RunId != null && c.AttemptedAt < sentBefore && c.Id.CompareTo(after) > 0)
                .OrderBy(c => c.Id).Take(settings.BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            after = batch[^1].Id;
            await WriteAsync(() => AddDueAsync(db, part, batch.Count, cancellationToken), cancellationToken);
            foreach (var item in await WorkForAsync(db, batch, lookUpFirst: true, cancellationToken))
            {
                await work.WriteAsync(item, cancellationToken);
            }
        }
    }

    /// <summary>Soft-declined charges whose retry day has come: a new attempt, a new key.</summary>
    private async Task ReadRetriesAsync(
        RunPart part, ChannelWriter<ChargeWork> work, CancellationToken stopClaiming, CancellationToken cancellationToken)
    {
        var now = calendar.UtcNow;
        var after = Guid.Empty;
        while (!stopClaiming.IsCancellationRequested)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var batch = await db.Charges
                .Where(c => c.Status == ChargeStatus.Failed && c.NextRetryAt <= now && c.RunId != null && c.Id.CompareTo(after) > 0)
                .OrderBy(c => c.Id).Take(settings.BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            after = batch[^1].Id;
            var ids = batch.Select(c => c.SponsorshipId).ToList();
            var sponsorships = await db.Sponsorships.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
            var claimed = new List<Charge>();
            foreach (var charge in batch)
            {
                var sponsorship = sponsorships[charge.SponsorshipId];
                if (sponsorship.Status is not (SponsorshipStatus.Active or SponsorshipStatus.Paused) || sponsorship.GatewayPaymentMethodId is null)
                {
                    charge.NextRetryAt = null;
                    ChargeRunLog.RetrySkipped(logger, charge.Id, sponsorship.Status);
                    continue;
                }

                charge.Attempt++;
                charge.Status = ChargeStatus.InFlight;
                charge.NextRetryAt = null;
                charge.AttemptedAt = now;
                charge.RunId = part.RunId;
                charge.PaymentIntentId = null;
                // The donor may have given a new card since the decline: the retry uses what is saved now.
                charge.GatewayCustomerId = sponsorship.GatewayCustomerId;
                charge.GatewayPaymentMethodId = sponsorship.GatewayPaymentMethodId;
                claimed.Add(charge);
            }

            if (!await WriteAsync(() => TrySaveAsync(db, cancellationToken), cancellationToken))
            {
                // Another worker took some of them (or a donor acted): leave this batch to it.
                ChargeRunLog.RetryBatchTaken(logger, part.RunId);
                continue;
            }

            ChargeRunLog.Claimed(logger, part.RunId, claimed.Count, "retries");
            await WriteAsync(() => AddDueAsync(db, part, claimed.Count, cancellationToken), cancellationToken);
            foreach (var item in await WorkForAsync(db, claimed, lookUpFirst: false, cancellationToken))
            {
                await work.WriteAsync(item, cancellationToken);
            }
        }
    }

    /// <summary>Periods that have come due: each claimed by inserting its charge, in batches read in key order.</summary>
    private async Task ReadNewPeriodsAsync(
        RunPart part, ChannelWriter<ChargeWork> work, CancellationToken stopClaiming, CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        var after = Guid.Empty;
        var (claimedThisPass, fruitlessPasses) = (false, 0);
        while (!stopClaiming.IsCancellationRequested)
        {
            var next = await ClaimNextBatchAsync(part.RunId, today, after, cancellationToken);
            if (next is not var (last, claimed))
            {
                // Skipping locks passes over rows another part holds; if that part let them go (it was stopped or
                // failed before committing), they are still due and behind the cursor: look again from the start,
                // for as long as passes still find some, and a little longer for a holder about to commit.
                fruitlessPasses = claimedThisPass ? 0 : fruitlessPasses + 1;
                if (fruitlessPasses <= 25 && await ClaimableLeftAsync(today, cancellationToken))
                {
                    (after, claimedThisPass) = (Guid.Empty, false);
                    await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
                    continue;
                }

                // Nothing due is left unclaimed: no other worker need join from now on.
                await using var done = await contexts.CreateDbContextAsync(cancellationToken);
                var now = calendar.UtcNow;
                await done.ChargeRuns.Where(r => r.Id == part.RunId && r.ClaimsDoneAt == null)
                    .ExecuteUpdateAsync(r => r.SetProperty(x => x.ClaimsDoneAt, now), cancellationToken);
                return;
            }

            claimedThisPass |= claimed.Count > 0;
            after = last;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            ChargeRunLog.Claimed(logger, part.RunId, claimed.Count, "new periods");
            await WriteAsync(() => AddDueAsync(db, part, claimed.Count, cancellationToken), cancellationToken);
            foreach (var item in await WorkForAsync(db, claimed, lookUpFirst: false, cancellationToken))
            {
                await work.WriteAsync(item, cancellationToken);
            }
        }
    }

    /// <summary>The next batch after <paramref name="after"/> claimed; null when nothing due is left to this run.</summary>
    private async Task<(Guid After, List<Charge> Claimed)?> ClaimNextBatchAsync(
        long runId, DateOnly today, Guid after, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsNpgsql() || db.Database.IsSqlServer())
        {
            // Several workers share a run: each locks the next batch nobody holds, so their claims never collide.
            return await WriteAsync(() => ClaimLockedBatchAsync(db, runId, today, after, cancellationToken), cancellationToken);
        }

        var batch = await DueQuery(db, today).Where(s => s.Id.CompareTo(after) > 0)
            .OrderBy(s => s.Id).Take(settings.BatchSize).ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return null;
        }

        var claimed = Claim(db, batch, runId, today);
        if (!await WriteAsync(() => TrySaveAsync(db, cancellationToken), cancellationToken))
        {
            // One of them was claimed or changed meanwhile: claim one by one, so the rest still go.
            claimed = await ClaimOneByOneAsync(batch.Select(s => s.Id).ToList(), runId, today, cancellationToken);
        }

        return (batch[^1].Id, claimed);
    }

    /// <summary>
    /// Whether periods a claim could take are still due, read without skipping locks; only where claims skip locked
    /// rows (elsewhere a claim waits for them, and a pass misses none).
    /// </summary>
    private async Task<bool> ClaimableLeftAsync(DateOnly today, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (db.Database.IsNpgsql() || db.Database.IsSqlServer())
            && await DueQuery(db, today).AnyAsync(s => s.GatewayPaymentMethodId != null && s.GatewayCustomerId != null, cancellationToken);
    }

    /// <summary>Active sponsorships with a period due by <paramref name="today"/>, and paused ones whose pause is over.</summary>
    public static IQueryable<Sponsorship> DueQuery(PortalDbContext db, DateOnly today) =>
        db.Sponsorships.Where(s =>
            (s.Status == SponsorshipStatus.Active || (s.Status == SponsorshipStatus.Paused && s.PausedUntil <= today))
            && s.NextPeriodStart <= today
            && s.Interval != SponsorshipInterval.Once);

    private List<Charge> Claim(PortalDbContext db, IEnumerable<Sponsorship> sponsorships, long runId, DateOnly today)
    {
        var now = calendar.UtcNow;
        var claimed = new List<Charge>();
        foreach (var sponsorship in sponsorships)
        {
            if (sponsorship.GatewayPaymentMethodId is null || sponsorship.GatewayCustomerId is null)
            {
                ChargeRunLog.SkippedNoMethod(logger, sponsorship.Id);
                continue;
            }

            if (sponsorship.Status == SponsorshipStatus.Paused)
            {
                sponsorship.Status = SponsorshipStatus.Active;
                sponsorship.PausedUntil = null;
            }

            // Normally one period; after an outage, each period that came due meanwhile, once.
            while (sponsorship.NextPeriodStart is { } period && period <= today)
            {
                var charge = new Charge
                {
                    SponsorshipId = sponsorship.Id,
                    PeriodStart = period,
                    AmountMinor = sponsorship.ChargeAmount.Minor,
                    Currency = sponsorship.Currency,
                    Status = ChargeStatus.InFlight,
                    Gateway = sponsorship.Gateway,
                    FundId = sponsorship.FundId,
                    GatewayCustomerId = sponsorship.GatewayCustomerId,
                    GatewayPaymentMethodId = sponsorship.GatewayPaymentMethodId,
                    RunId = runId,
                    CreatedAt = now,
                    AttemptedAt = now,
                };
                db.Charges.Add(charge);
                claimed.Add(charge);
                sponsorship.NextPeriodStart = ChargeSchedule.Next(period, sponsorship.Interval, sponsorship.ChargeDay);
            }
        }

        return claimed;
    }

    private async Task<List<Charge>> ClaimOneByOneAsync(List<Guid> sponsorshipIds, long runId, DateOnly today, CancellationToken cancellationToken)
    {
        var claimed = new List<Charge>();
        foreach (var id in sponsorshipIds)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var sponsorship = await DueQuery(db, today).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (sponsorship is null)
            {
                continue;
            }

            var charges = Claim(db, [sponsorship], runId, today);
            if (await WriteAsync(() => TrySaveAsync(db, cancellationToken), cancellationToken))
            {
                claimed.AddRange(charges);
            }
        }

        return claimed;
    }

    private async Task<T> WriteAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await writes.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            writes.Release();
        }
    }

    private Task<bool> WriteAsync(Func<Task> write, CancellationToken cancellationToken) =>
        WriteAsync(async () =>
        {
            await write();
            return true;
        }, cancellationToken);

    /// <summary>Saves; false when another writer got there first (the unique claim, or a changed row).</summary>
    private async Task<bool> TrySaveAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException error)
        {
            ChargeRunLog.ClaimLost(logger, error.InnerException?.Message ?? error.Message);
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task<List<ChargeWork>> WorkForAsync(PortalDbContext db, List<Charge> charges, bool lookUpFirst, CancellationToken cancellationToken)
    {
        var ids = charges.Select(c => c.SponsorshipId).Distinct().ToList();
        var donors = await db.Sponsorships.AsNoTracking().Where(s => ids.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.DonorId, cancellationToken);
        var charity = portal.Value.CharityName;
        return charges
            .Where(c => c.GatewayCustomerId is not null && c.GatewayPaymentMethodId is not null)
            .Select(c => new ChargeWork(
                c.Gateway,
                lookUpFirst,
                new OffSessionChargeRequest(
                    c.Id, c.SponsorshipId, donors[c.SponsorshipId], c.FundId ?? Guid.Empty, c.Amount, c.GatewayCustomerId!, c.GatewayPaymentMethodId!,
                    Describe(charity, c), c.IdempotencyKey, c.Attempt)))
            .ToList();
    }

    /// <summary>Made from the charge alone, so a repeated request is identical to the first.</summary>
    private static string Describe(string charity, Charge charge) =>
        $"{charity}: sponsorship {charge.PeriodStart:yyyy-MM}";

    private static async Task AddDueAsync(PortalDbContext db, RunPart part, int count, CancellationToken cancellationToken)
    {
        if (count > 0)
        {
            await db.ChargeRunParts.Where(p => p.Id == part.PartId)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.Claimed, x => x.Claimed + count), cancellationToken);
            await db.ChargeRuns.Where(r => r.Id == part.RunId)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.Due, x => x.Due + count), cancellationToken);
        }
    }
}

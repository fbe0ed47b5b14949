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

/// <summary>
/// One charge run: every period that is due is claimed once (the unique Charge row), charged once at the gateway
/// (the attempt's idempotency key), and recorded once (the charge moves on only from in flight). Three stages overlap
/// so the gateway is kept busy up to the rate limit: a reader claims due periods in batches, a bounded set of senders
/// talk to the gateway through a token bucket, and a recorder writes the answers in batches.
/// A crash anywhere leaves the charge in flight; the next run asks the gateway what became of it before anything else.
/// </summary>
public sealed class ChargeRunner(
    IDbContextFactory<PortalDbContext> contexts,
    IServiceScopeFactory scopes,
    PaymentGateways gateways,
    CharityCalendar calendar,
    IOptions<ChargeRunOptions> options,
    IOptions<PortalOptions> portal,
    PaymentLinks links,
    ILogger<ChargeRunner> logger) : IDisposable
{
    private readonly ChargeRunOptions settings = options.Value;

    /// <summary>
    /// The run's own writes (claims and recorded batches) take turns: SQLite has one writer at a time, and a writer
    /// that waits on SQLite's busy timeout sleeps a thread; waiting here costs nothing. Other processes still meet
    /// the database's own locking, which is what keeps two workers apart.
    /// </summary>
    private readonly SemaphoreSlim writes = new(1, 1);

    /// <param name="startedBy"><c>schedule</c>, or the staff member who asked for the run.</param>
    public async Task<ChargeRun> RunAsync(string startedBy, CancellationToken cancellationToken)
    {
        links.EnsureKeys();
        var run = await StartAsync(startedBy, cancellationToken);
        using var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, (int)Math.Ceiling(settings.RequestsPerSecond / 10)),
            TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(settings.RequestsPerSecond / 10)),
            ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, (int)Math.Ceiling(settings.RequestsPerSecond / 10)) / settings.RequestsPerSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
        var work = Channel.CreateBounded<ChargeWork>(new BoundedChannelOptions(settings.BatchSize * 2) { SingleReader = false, SingleWriter = true });
        var answers = Channel.CreateBounded<ChargeAnswer>(new BoundedChannelOptions(settings.BatchSize * 2) { SingleReader = true, SingleWriter = false });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var reader = Task.Run(() => ReadDueAsync(run.Id, work.Writer, stop.Token), CancellationToken.None);
        // A stage that fails stops the others, so none waits for ever on a channel nobody reads.
        async Task StopAllOnFailure(Func<Task> stage)
        {
            try
            {
                await stage();
            }
            catch
            {
                await stop.CancelAsync();
                throw;
            }
        }

        var senders = Enumerable.Range(0, settings.MaxConcurrency)
            .Select(_ => Task.Run(() => StopAllOnFailure(() => SendAsync(work.Reader, answers.Writer, limiter, stop.Token)), CancellationToken.None))
            .ToList();
        var recorder = Task.Run(() => StopAllOnFailure(() => RecordAsync(run.Id, answers.Reader, stop.Token)), CancellationToken.None);

        // Every stage is awaited before the run returns, also when it is stopped: nothing of it outlives the call.
        Exception? failure = null;
        try
        {
            await reader;
        }
        catch (Exception error)
        {
            failure = error;
            if (error is OperationCanceledException)
            {
                await stop.CancelAsync();
            }
        }

        try
        {
            await Task.WhenAll(senders);
        }
        catch (Exception error)
        {
            failure = Worse(failure, error);
            await stop.CancelAsync();
        }
        finally
        {
            answers.Writer.TryComplete();
        }

        try
        {
            await recorder;
        }
        catch (Exception error)
        {
            failure = Worse(failure, error);
        }

        // Stopped from outside (a shutdown, a killed job): what is in flight stays so, for the next run to resolve.
        cancellationToken.ThrowIfCancellationRequested();
        return await FinishAsync(run.Id, failure);
    }

    public void Dispose() => writes.Dispose();

    /// <summary>The error worth reporting: a real one over the cancellation it caused in the other stages.</summary>
    private static Exception Worse(Exception? first, Exception next) =>
        first is null || (first is OperationCanceledException && next is not OperationCanceledException) ? next : first;

    private async Task<ChargeRun> StartAsync(string startedBy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = calendar.UtcNow;
        // A run whose worker died stops updating; say so, so nobody waits for it.
        var staleBefore = now - TimeSpan.FromMinutes(10);
        await db.ChargeRuns.Where(r => r.Status == ChargeRunStatus.Running && r.LastProgressAt < staleBefore)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, ChargeRunStatus.Abandoned).SetProperty(x => x.FinishedAt, now), cancellationToken);
        var run = new ChargeRun
        {
            StartedAt = now,
            LastProgressAt = now,
            Today = calendar.Today,
            Worker = $"{Environment.MachineName}/{Environment.ProcessId}",
            StartedBy = startedBy,
        };
        db.ChargeRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    private async Task<ChargeRun> FinishAsync(long runId, Exception? failure)
    {
        if (failure is not null)
        {
            logger.LogError(failure, "Charge run {RunId} stopped early; what it left in flight is resolved by the next run", runId);
        }

        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var run = await db.ChargeRuns.SingleAsync(r => r.Id == runId, CancellationToken.None);
        run.Status = failure is null ? ChargeRunStatus.Finished : ChargeRunStatus.Failed;
        run.Error = failure is null ? null : Trim(failure.Message, 2000);
        run.FinishedAt = calendar.UtcNow;
        run.LastProgressAt = run.FinishedAt.Value;
        await db.SaveChangesAsync(CancellationToken.None);
        return run;
    }

    // ---- Stage 1: what is due, claimed in batches --------------------------------------------------------------

    private async Task ReadDueAsync(long runId, ChannelWriter<ChargeWork> work, CancellationToken cancellationToken)
    {
        try
        {
            await ReadUnansweredAsync(runId, work, cancellationToken);
            await ReadRetriesAsync(runId, work, cancellationToken);
            await ReadNewPeriodsAsync(runId, work, cancellationToken);
        }
        finally
        {
            work.TryComplete();
        }
    }

    /// <summary>Attempts sent long ago whose answer was never recorded: ask the gateway first.</summary>
    private async Task ReadUnansweredAsync(long runId, ChannelWriter<ChargeWork> work, CancellationToken cancellationToken)
    {
        var sentBefore = calendar.UtcNow - settings.UnansweredAfter;
        var after = Guid.Empty;
        while (true)
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
            await WriteAsync(() => AddDueAsync(db, runId, batch.Count, cancellationToken), cancellationToken);
            foreach (var item in await WorkForAsync(db, batch, lookUpFirst: true, cancellationToken))
            {
                await work.WriteAsync(item, cancellationToken);
            }
        }
    }

    /// <summary>Soft-declined charges whose retry day has come: a new attempt, a new key.</summary>
    private async Task ReadRetriesAsync(long runId, ChannelWriter<ChargeWork> work, CancellationToken cancellationToken)
    {
        var now = calendar.UtcNow;
        var after = Guid.Empty;
        while (true)
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
                    continue;
                }

                charge.Attempt++;
                charge.Status = ChargeStatus.InFlight;
                charge.NextRetryAt = null;
                charge.AttemptedAt = now;
                charge.RunId = runId;
                charge.PaymentIntentId = null;
                // The donor may have given a new card since the decline: the retry uses what is saved now.
                charge.GatewayCustomerId = sponsorship.GatewayCustomerId;
                charge.GatewayPaymentMethodId = sponsorship.GatewayPaymentMethodId;
                claimed.Add(charge);
            }

            if (!await WriteAsync(() => TrySaveAsync(db, cancellationToken), cancellationToken))
            {
                // Another worker took some of them (or a donor acted): leave this batch to it.
                continue;
            }

            await WriteAsync(() => AddDueAsync(db, runId, claimed.Count, cancellationToken), cancellationToken);
            foreach (var item in await WorkForAsync(db, claimed, lookUpFirst: false, cancellationToken))
            {
                await work.WriteAsync(item, cancellationToken);
            }
        }
    }

    /// <summary>Periods that have come due: each claimed by inserting its charge, in batches read in key order.</summary>
    private async Task ReadNewPeriodsAsync(long runId, ChannelWriter<ChargeWork> work, CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        var after = Guid.Empty;
        while (true)
        {
            List<Charge> claimed;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var batch = await DueQuery(db, today).Where(s => s.Id.CompareTo(after) > 0)
                    .OrderBy(s => s.Id).Take(settings.BatchSize).ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    return;
                }

                after = batch[^1].Id;
                claimed = Claim(db, batch, runId, today);
                if (!await WriteAsync(() => TrySaveAsync(db, cancellationToken), cancellationToken))
                {
                    // One of them was claimed or changed meanwhile: claim one by one, so the rest still go.
                    claimed = await ClaimOneByOneAsync(batch.Select(s => s.Id).ToList(), runId, today, cancellationToken);
                }
            }

            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                await WriteAsync(() => AddDueAsync(db, runId, claimed.Count, cancellationToken), cancellationToken);
                foreach (var item in await WorkForAsync(db, claimed, lookUpFirst: false, cancellationToken))
                {
                    await work.WriteAsync(item, cancellationToken);
                }
            }
        }
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
                logger.LogWarning("Sponsorship {SponsorshipId} is due but has no saved payment method", sponsorship.Id);
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
            logger.LogInformation("A claim lost to another writer: {Reason}", error.InnerException?.Message ?? error.Message);
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

    private static async Task AddDueAsync(PortalDbContext db, long runId, int count, CancellationToken cancellationToken)
    {
        if (count > 0)
        {
            await db.ChargeRuns.Where(r => r.Id == runId)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.Due, x => x.Due + count), cancellationToken);
        }
    }

    // ---- Stage 2: the gateway, paced ---------------------------------------------------------------------------

    private async Task SendAsync(ChannelReader<ChargeWork> work, ChannelWriter<ChargeAnswer> answers, RateLimiter limiter, CancellationToken cancellationToken)
    {
        await foreach (var item in work.ReadAllAsync(cancellationToken))
        {
            var gateway = gateways.Named(item.Gateway)
                ?? throw new InvalidOperationException($"Charge {item.Request.ChargeId} belongs to gateway '{item.Gateway}', which is not configured.");
            var answer = await AskAsync(gateway, item, limiter, cancellationToken);
            await answers.WriteAsync(answer, cancellationToken);
        }
    }

    private async Task<ChargeAnswer> AskAsync(IPaymentGateway gateway, ChargeWork item, RateLimiter limiter, CancellationToken cancellationToken)
    {
        var lookUp = item.LookUpFirst;
        for (var tries = 1; ; tries++)
        {
            using (var lease = await limiter.AcquireAsync(1, cancellationToken))
            {
                if (!lease.IsAcquired)
                {
                    throw new InvalidOperationException("The gateway rate limiter refused a request.");
                }
            }

            OffSessionChargeResult result;
            if (lookUp)
            {
                // A lost answer is found again at the gateway, never by charging blindly.
                var (found, problem) = await FindAsync(gateway, item.Request, cancellationToken);
                if (problem is null)
                {
                    if (found is not null)
                    {
                        return new ChargeAnswer(item.Request.ChargeId, item.Request.Attempt, Read(found), found, Resolved: true);
                    }

                    // The gateway never saw it: send it now, with the attempt's own key.
                    lookUp = false;
                    continue;
                }

                result = problem;
            }
            else
            {
                result = await gateway.ChargeSavedMethodAsync(item.Request, cancellationToken);
                if (result is not OffSessionChargeResult.Transient)
                {
                    return new ChargeAnswer(item.Request.ChargeId, item.Request.Attempt, result, null, item.LookUpFirst);
                }
            }

            if (tries >= settings.MaxTransientTries)
            {
                // Left in flight; the next run looks it up after UnansweredAfter.
                return new ChargeAnswer(item.Request.ChargeId, item.Request.Attempt, result, null, item.LookUpFirst);
            }

            await Task.Delay(Backoff(tries), cancellationToken);
        }
    }

    private async Task<(PaymentLookup? Found, OffSessionChargeResult? Problem)> FindAsync(IPaymentGateway gateway, OffSessionChargeRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return (await gateway.FindOffSessionChargeAsync(request, cancellationToken), null);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(error, "Could not look up charge {ChargeId} at the gateway; trying again", request.ChargeId);
            return (null, new OffSessionChargeResult.Transient(error.Message));
        }
    }

    /// <summary>Exponential with full jitter, so senders that were turned away together do not return together.</summary>
    private TimeSpan Backoff(int tries)
    {
        var ceiling = settings.TransientBackoff.TotalMilliseconds * Math.Pow(2, tries - 1);
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }

    /// <summary>What a found payment means for the attempt that made it.</summary>
    internal static OffSessionChargeResult Read(PaymentLookup payment) => payment.State switch
    {
        PaymentState.Succeeded => new OffSessionChargeResult.Succeeded(payment.PaymentIntentId),
        PaymentState.Processing => new OffSessionChargeResult.Processing(payment.PaymentIntentId),
        _ when payment.DeclineCode == DeclineCodes.AuthenticationRequired =>
            new OffSessionChargeResult.AuthenticationRequired(payment.PaymentIntentId, payment.FailureMessage ?? "The bank asks the donor to confirm this payment."),
        PaymentState.Failed or PaymentState.Open when payment.DeclineCode is not null =>
            new OffSessionChargeResult.Declined(payment.PaymentIntentId, payment.DeclineCode, payment.FailureMessage ?? payment.DeclineCode, DeclineCodes.Classify(payment.DeclineCode)),
        _ => new OffSessionChargeResult.Transient($"The gateway's payment {payment.PaymentIntentId} is still open."),
    };

    // ---- Stage 3: the answers, recorded in batches ---------------------------------------------------------------

    private async Task RecordAsync(long runId, ChannelReader<ChargeAnswer> answers, CancellationToken cancellationToken)
    {
        var batch = new List<ChargeAnswer>(settings.BatchSize);
        while (await answers.WaitToReadAsync(cancellationToken))
        {
            while (batch.Count < settings.BatchSize && answers.TryRead(out var answer))
            {
                batch.Add(answer);
            }

            await RecordBatchAsync(runId, batch, cancellationToken);
            batch.Clear();
        }
    }

    private async Task RecordBatchAsync(long runId, List<ChargeAnswer> batch, CancellationToken cancellationToken)
    {
        for (var tries = 1; ; tries++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var recorder = scope.ServiceProvider.GetRequiredService<ChargeAnswers>();
            try
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await WriteAsync(() => recorder.RecordAsync(runId, batch, cancellationToken), cancellationToken);
                logger.LogDebug("Charge run {RunId}: recorded {Count} answers in {Milliseconds} ms", runId, batch.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return;
            }
            catch (DbUpdateConcurrencyException) when (tries < 5)
            {
                // A gateway event recorded one of these meanwhile; read them again and record what is left.
                logger.LogInformation("Charge run {RunId}: a batch met a concurrent change; recording it again", runId);
            }
            catch (DbUpdateException) when (tries < 5)
            {
                logger.LogInformation("Charge run {RunId}: a batch met a concurrent write; recording it again", runId);
            }
        }
    }

    private static string Trim(string text, int length) => text.Length > length ? text[..length] : text;
}

/// <summary>One request for the senders: a new attempt, or one whose answer was lost and is looked up first.</summary>
internal sealed record ChargeWork(string Gateway, bool LookUpFirst, OffSessionChargeRequest Request);

/// <summary>The gateway's answer to one attempt (or <see cref="OffSessionChargeResult.Transient"/>: none).</summary>
internal sealed record ChargeAnswer(Guid ChargeId, int Attempt, OffSessionChargeResult Result, PaymentLookup? Lookup, bool Resolved);

using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Sponsorships.Runs;

/// <summary>
/// A run's parts: the worker that starts it, and any worker that joins it while periods are left to claim. Each part
/// says every few seconds that it is alive; the run ends when its last part does, and a part silent for
/// Charges:WorkerSilence is taken for dead (what it held in flight is looked up by the next run, as after any crash).
/// </summary>
public sealed partial class ChargeRunner
{
    /// <summary>How often a part says it is alive and learns how many share the run's gateway rate.</summary>
    private TimeSpan Heartbeat =>
        TimeSpan.FromTicks(Math.Clamp(settings.WorkerSilence.Ticks / 10, TimeSpan.TicksPerMillisecond * 100, TimeSpan.TicksPerSecond * 3));

    private static string ThisWorker => $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>
    /// A run this worker could join: running, with periods still to claim, and no part of it here already. Runs whose
    /// parts have all ended (or fell silent) are closed on the way, so a run whose every worker died does not stay open.
    /// </summary>
    public async Task<long?> FindRunToJoinAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var running = await db.ChargeRuns.AsNoTracking().Where(r => r.Status == ChargeRunStatus.Running)
            .Select(r => new { r.Id, r.ClaimsDoneAt }).ToListAsync(cancellationToken);
        long? open = null;
        foreach (var run in running)
        {
            if (await CloseIfLastAsync(run.Id, [], cancellationToken) is not null)
            {
                continue;
            }

            var here = ThisWorker;
            if (run.ClaimsDoneAt is null && open is null && !await db.ChargeRunParts.AnyAsync(
                p => p.RunId == run.Id && p.Worker == here && p.Status == ChargeRunStatus.Running, cancellationToken))
            {
                open = run.Id;
            }
        }

        return open;
    }

    private async Task<(ChargeRun Run, ChargeRunPart Part)> StartAsync(string startedBy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = calendar.UtcNow;
        // A run whose workers all died stops updating; say so, so nobody waits for it.
        var staleBefore = now - TimeSpan.FromMinutes(10);
        await db.ChargeRuns.Where(r => r.Status == ChargeRunStatus.Running && r.LastProgressAt < staleBefore)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, ChargeRunStatus.Abandoned).SetProperty(x => x.FinishedAt, now), cancellationToken);
        var run = new ChargeRun
        {
            StartedAt = now,
            LastProgressAt = now,
            Today = calendar.Today,
            Worker = ThisWorker,
            StartedBy = startedBy,
        };
        db.ChargeRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        var part = new ChargeRunPart { RunId = run.Id, Worker = ThisWorker, Starter = true, JoinedAt = now, LastSeenAt = now };
        db.ChargeRunParts.Add(part);
        await db.SaveChangesAsync(cancellationToken);
        // The run and its first part appear together: a run seen with no working part is one that has ended.
        await transaction.CommitAsync(cancellationToken);
        return (run, part);
    }

    /// <summary>A new part of the run, or null when the run ended or had nothing left to claim by now.</summary>
    private async Task<ChargeRunPart?> TryJoinAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = calendar.UtcNow;
        var part = new ChargeRunPart { RunId = runId, Worker = ThisWorker, JoinedAt = now, LastSeenAt = now };
        db.ChargeRunParts.Add(part);
        await db.SaveChangesAsync(cancellationToken);
        // Checked after the part is written: a last part ending now either sees this one or was already done.
        if (!await db.ChargeRuns.AnyAsync(r => r.Id == runId && r.Status == ChargeRunStatus.Running && r.ClaimsDoneAt == null, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return part;
    }

    /// <summary>Parts of the run that are working and were seen lately (this one included).</summary>
    private async Task<int> LivePartsAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var seenAfter = calendar.UtcNow - settings.WorkerSilence;
        return await db.ChargeRunParts.CountAsync(
            p => p.RunId == runId && p.Status == ChargeRunStatus.Running && p.LastSeenAt >= seenAfter, cancellationToken);
    }

    /// <summary>Says the part is alive, and shares the run's gateway rate among the parts that are.</summary>
    private async Task BeatAsync(long runId, long partId, GatewayPacer pacer, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Heartbeat);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                    var now = calendar.UtcNow;
                    await db.ChargeRunParts.Where(p => p.Id == partId)
                        .ExecuteUpdateAsync(p => p.SetProperty(x => x.LastSeenAt, now), cancellationToken);
                    pacer.Share(await LivePartsAsync(runId, cancellationToken));
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // A missed beat is no harm: the next one comes in a few seconds, and silence is judged over many.
                    ChargeRunLog.HeartbeatFailed(logger, error);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The part ended.
        }
    }

    private async Task EndPartAsync(long runId, long partId, Exception? failure, bool stopped)
    {
        if (failure is not null && !stopped)
        {
            ChargeRunLog.StoppedEarly(logger, failure, runId);
        }

        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            var now = calendar.UtcNow;
            var status = stopped ? ChargeRunStatus.Stopped : failure is null ? ChargeRunStatus.Finished : ChargeRunStatus.Failed;
            var error = failure is null || stopped ? null : Trim(failure.Message, 2000);
            await db.ChargeRunParts.Where(p => p.Id == partId).ExecuteUpdateAsync(
                p => p.SetProperty(x => x.Status, status).SetProperty(x => x.FinishedAt, now).SetProperty(x => x.LastSeenAt, now)
                    .SetProperty(x => x.Error, error),
                CancellationToken.None);
        }

        // Ended first, then looked at the others: of two parts ending at once, at least one sees the other ended.
        await CloseIfLastAsync(runId, [], CancellationToken.None);
    }

    /// <summary>
    /// The starter waits for the parts that joined, so the run it returns is the whole. A part whose last-seen time
    /// has not moved for Charges:WorkerSilence (measured here, on this machine's clock) is taken for dead.
    /// </summary>
    private async Task<ChargeRun> AwaitOtherPartsAsync(long runId, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<long, (DateTime LastSeenAt, long Since)>();
        while (true)
        {
            var silent = new HashSet<long>();
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var others = await db.ChargeRunParts.AsNoTracking().Where(p => p.RunId == runId && p.Status == ChargeRunStatus.Running)
                    .Select(p => new { p.Id, p.LastSeenAt }).ToListAsync(cancellationToken);
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                foreach (var other in others)
                {
                    if (!seen.TryGetValue(other.Id, out var last) || last.LastSeenAt != other.LastSeenAt)
                    {
                        seen[other.Id] = (other.LastSeenAt, now);
                    }
                    else if (System.Diagnostics.Stopwatch.GetElapsedTime(last.Since, now) > settings.WorkerSilence)
                    {
                        silent.Add(other.Id);
                    }
                }
            }

            if (await CloseIfLastAsync(runId, silent, cancellationToken) is { } closed)
            {
                return closed;
            }

            await Task.Delay(Heartbeat, cancellationToken);
        }
    }

    /// <summary>
    /// Closes the run when none of its parts is working: Failed if a part failed, Abandoned if one fell silent,
    /// Stopped if its starter was stopped by a shutdown, otherwise Finished. The run, once closed; null while a part works.
    /// </summary>
    private async Task<ChargeRun?> CloseIfLastAsync(long runId, HashSet<long> silent, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = calendar.UtcNow;
        var seenAfter = now - settings.WorkerSilence;
        var parts = await db.ChargeRunParts.Where(p => p.RunId == runId).ToListAsync(cancellationToken);
        foreach (var part in parts.Where(p => p.Status == ChargeRunStatus.Running && (p.LastSeenAt < seenAfter || silent.Contains(p.Id))))
        {
            part.Status = ChargeRunStatus.Abandoned;
            part.FinishedAt = now;
            part.Error = $"Not seen since {part.LastSeenAt:u}: its worker stopped; the next run looks up what it left in flight.";
            ChargeRunLog.PartAbandoned(logger, runId, part.Id, part.Worker);
        }

        await db.SaveChangesAsync(cancellationToken);
        var run = await db.ChargeRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        if (parts.Any(p => p.Status == ChargeRunStatus.Running) || run.Status != ChargeRunStatus.Running)
        {
            return run.Status == ChargeRunStatus.Running ? null : run;
        }

        var failed = parts.FirstOrDefault(p => p.Status == ChargeRunStatus.Failed);
        var abandoned = parts.FirstOrDefault(p => p.Status == ChargeRunStatus.Abandoned);
        run.Status = failed is not null ? ChargeRunStatus.Failed
            : abandoned is not null ? ChargeRunStatus.Abandoned
            : parts.Any(p => p.Starter && p.Status == ChargeRunStatus.Stopped) ? ChargeRunStatus.Stopped
            : ChargeRunStatus.Finished;
        run.Error = (failed ?? abandoned)?.Error;
        run.FinishedAt = now;
        run.LastProgressAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }
}

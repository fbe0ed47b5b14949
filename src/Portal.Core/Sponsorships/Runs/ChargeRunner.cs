using System.Threading.Channels;
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
public sealed partial class ChargeRunner(
    IDbContextFactory<PortalDbContext> contexts,
    IServiceScopeFactory scopes,
    PaymentGateways gateways,
    CharityCalendar calendar,
    IOptions<ChargeRunOptions> options,
    IOptions<PortalOptions> portal,
    PaymentLinks links,
    PortalTelemetry telemetry,
    ILogger<ChargeRunner> logger) : IDisposable
{
    private readonly ChargeRunOptions settings = options.Value;

    /// <summary>
    /// The run's own writes (claims and recorded batches) take turns: SQLite has one writer at a time, and a writer
    /// that waits on SQLite's busy timeout sleeps a thread; waiting here costs nothing. Other processes still meet
    /// the database's own locking, which is what keeps two workers apart.
    /// </summary>
    private readonly SemaphoreSlim writes = new(1, 1);

    /// <summary>
    /// Starts a run and works its first part; other workers may join it meanwhile (<see cref="JoinAsync"/>). Returns
    /// once every part has ended, with the run's totals.
    /// </summary>
    /// <param name="startedBy"><c>schedule</c>, or the staff member who asked for the run.</param>
    public async Task<ChargeRun> RunAsync(string startedBy, CancellationToken cancellationToken)
    {
        links.EnsureKeys();
        using var activity = PortalTelemetry.Source.StartActivity("charge run");
        var (run, part) = await StartAsync(startedBy, cancellationToken);
        activity?.SetTag("portal.charge_run_id", run.Id);
        activity?.SetTag("portal.started_by", startedBy == "schedule" ? startedBy : "staff");
        var failure = await WorkPartAsync(run.Id, part.Id, starter: true, cancellationToken);
        if (cancellationToken.IsCancellationRequested)
        {
            // Stopped from outside (a shutdown): recorded as stopped, and Hangfire puts the job back in its queue, so
            // the next start charges the rest. Anything the grace cut off stays in flight for that run to look up.
            await EndPartAsync(run.Id, part.Id, failure, stopped: true);
            activity?.SetTag("portal.stopped", true);
            cancellationToken.ThrowIfCancellationRequested();
        }

        await EndPartAsync(run.Id, part.Id, failure, stopped: false);
        var finished = await AwaitOtherPartsAsync(run.Id, cancellationToken);
        activity?.SetTag("portal.due", finished.Due);
        activity?.SetTag("portal.succeeded", finished.Succeeded);
        activity?.SetTag("portal.failed", finished.Failed);
        if (failure is not null)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, failure.GetType().Name);
        }

        return finished;
    }

    /// <summary>
    /// Works a part of a run another worker started: claims new periods in batches no other part holds, charges and
    /// records them. Null when the run had ended or had nothing more to claim by the time this worker came.
    /// </summary>
    public async Task<ChargeRunPart?> JoinAsync(long runId, CancellationToken cancellationToken)
    {
        links.EnsureKeys();
        var part = await TryJoinAsync(runId, cancellationToken);
        if (part is null)
        {
            return null;
        }

        using var activity = PortalTelemetry.Source.StartActivity("charge run part");
        activity?.SetTag("portal.charge_run_id", runId);
        ChargeRunLog.Joined(logger, runId, part.Id);
        var failure = await WorkPartAsync(runId, part.Id, starter: false, cancellationToken);
        var stopped = cancellationToken.IsCancellationRequested;
        await EndPartAsync(runId, part.Id, failure, stopped);
        cancellationToken.ThrowIfCancellationRequested();
        if (failure is not null)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, failure.GetType().Name);
        }

        return part;
    }

    /// <summary>One worker's share: claim, send and record until nothing is left to claim; the error it stopped on, if any.</summary>
    private async Task<Exception?> WorkPartAsync(long runId, long partId, bool starter, CancellationToken cancellationToken)
    {
        using var pacer = new GatewayPacer(settings.RequestsPerSecond, TimeProvider.System);
        pacer.Share(await LivePartsAsync(runId, CancellationToken.None));
        var work = Channel.CreateBounded<ChargeWork>(new BoundedChannelOptions(settings.BatchSize * 2) { SingleReader = false, SingleWriter = true });
        var answers = Channel.CreateBounded<ChargeAnswer>(
            new BoundedChannelOptions(settings.BatchSize * 2) { SingleReader = true, SingleWriter = false });
        // A shutdown (cancellationToken) stops the claiming at once; what was claimed is still sent and every answer
        // recorded, for at most StopGrace. Only then is the rest left in flight, for the next run to look up.
        using var grace = new CancellationTokenSource();
        using var onShutdown = cancellationToken.Register(() => grace.CancelAfter(settings.StopGrace));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(grace.Token);
        using var beating = new CancellationTokenSource();
        var heartbeat = Task.Run(() => BeatAsync(runId, partId, pacer, beating.Token), CancellationToken.None);

        var part = new RunPart(runId, partId, starter);
        var reader = Task.Run(() => ReadDueAsync(part, work.Writer, cancellationToken, stop.Token), CancellationToken.None);
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
            .Select(_ => Task.Run(() => StopAllOnFailure(() => SendAsync(work.Reader, answers.Writer, pacer, stop.Token)), CancellationToken.None))
            .ToList();
        var recorder = Task.Run(() => StopAllOnFailure(() => RecordAsync(runId, answers.Reader, stop.Token)), CancellationToken.None);

        // Every stage is awaited before the part ends, also when it is stopped: nothing of it outlives the call.
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

        await beating.CancelAsync();
        await heartbeat;
        return failure;
    }

    public void Dispose() => writes.Dispose();

    /// <summary>The error worth reporting: a real one over the cancellation it caused in the other stages.</summary>
    private static Exception Worse(Exception? first, Exception next) =>
        first is null || (first is OperationCanceledException && next is not OperationCanceledException) ? next : first;
}

/// <summary>One request for the senders: a new attempt, or one whose answer was lost and is looked up first.</summary>
internal sealed record ChargeWork(string Gateway, bool LookUpFirst, OffSessionChargeRequest Request);

/// <summary>The gateway's answer to one attempt (or <see cref="OffSessionChargeResult.Transient"/>: none).</summary>
internal sealed record ChargeAnswer(Guid ChargeId, int Attempt, OffSessionChargeResult Result, PaymentLookup? Lookup, bool Resolved);

/// <summary>Which run and which worker's part of it a stage works for; only the starter looks up lost answers and retries.</summary>
internal sealed record RunPart(long RunId, long PartId, bool Starter);

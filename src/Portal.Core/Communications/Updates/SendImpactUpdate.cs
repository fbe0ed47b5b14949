using System.Threading.Channels;
using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Communications.Consent;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Communications.Updates;

/// <summary>
/// Sends an expanded update's queued deliveries: a claimer hands claimed batches to senders, each holding one SMTP
/// connection and sharing one rate limit, and a recorder writes what the relay said in batches. Stopped at any point,
/// it leaves every delivery queued (never handed over: sent by the next run), recorded, or — when it stopped in the
/// middle of a hand-over — claimed, which the next run marks uncertain rather than send twice.
/// </summary>
public sealed class SendImpactUpdate(
    IDbContextFactory<PortalDbContext> contexts, IServiceScopeFactory scopes, IMailTransport transport, DeliveryClaims claims,
    DeliveryResults results, UnsubscribeLinks links, IOptions<UpdateSendOptions> options, IOptions<EmailOptions> email,
    ILogger<SendImpactUpdate> logger)
{
    private static readonly TimeSpan RecordEvery = TimeSpan.FromMilliseconds(100);

    /// <returns>How many deliveries this run handed to the relay.</returns>
    public async Task<int> SendQueuedAsync(Guid updateId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var activity = PortalTelemetry.Source.StartActivity("update send");
        activity?.SetTag("portal.update_id", updateId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var update = await db.ImpactUpdates.AsNoTracking().SingleAsync(u => u.Id == updateId, cancellationToken);
        var abandoned = await claims.MarkAbandonedAsync(updateId, cancellationToken);
        if (abandoned > 0)
        {
            CommunicationsLog.UpdateDeliveriesAbandoned(logger, updateId, abandoned);
        }

        links.EnsureKeys();
        var letters = await UpdateLetters.PrepareAsync(db, scopes, update, links, email.Value, cancellationToken);
        using var limiter = Limiter(settings.MessagesPerSecond);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var claimed = Channel.CreateBounded<UpdateDelivery>(new BoundedChannelOptions(settings.BatchSize) { SingleWriter = true });
        var outcomes = Channel.CreateUnbounded<DeliveryOutcome>(new UnboundedChannelOptions { SingleReader = true });
        var sent = 0;
        var claimer = Stage(ClaimAsync(updateId, claimed.Writer, settings, stop.Token), stop, claimed.Writer);
        var senders = Enumerable.Range(0, settings.Connections).Select(
            _ => Stage(
                SenderAsync(claimed.Reader, outcomes.Writer, letters, limiter, () => Interlocked.Increment(ref sent), stop.Token),
                stop,
                null)).ToList();
        var allSent = Task.WhenAll(senders).ContinueWith(_ => outcomes.Writer.TryComplete(), TaskScheduler.Default);
        var recorder = Stage(RecordAsync(outcomes.Reader, settings, CancellationToken.None), stop, null);
        try
        {
            await Task.WhenAll([claimer, .. senders, allSent, recorder]);
        }
        finally
        {
            // Claimed but never handed to a sender: certainly not sent, so queued again for the next run.
            var unsent = new List<Guid>();
            while (claimed.Reader.TryRead(out var delivery))
            {
                unsent.Add(delivery.Id);
            }

            await claims.ReleaseAsync(unsent, CancellationToken.None);
            activity?.SetTag("portal.handed_over", sent);
        }

        return sent;
    }

    /// <summary>
    /// A token bucket that never lets more than <paramref name="perSecond"/> through in any second: a tenth of the
    /// rate every 100 ms, or for rates under ten, one message every 1/rate seconds. Null when unlimited.
    /// </summary>
    internal static TokenBucketRateLimiter? Limiter(int perSecond)
    {
        if (perSecond <= 0)
        {
            return null;
        }

        var (tokens, period) = perSecond >= 10
            ? (perSecond / 10, TimeSpan.FromMilliseconds(100))
            : (1, TimeSpan.FromMilliseconds(1000.0 / perSecond));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    private async Task ClaimAsync(
        Guid updateId,
        ChannelWriter<UpdateDelivery> writer,
        UpdateSendOptions settings,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await claims.ClaimAsync(updateId, settings.BatchSize, TimeSpan.FromMinutes(settings.ClaimMinutes), cancellationToken);
            if (batch.Count == 0)
            {
                writer.TryComplete();
                return;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                try
                {
                    await writer.WriteAsync(batch[i], cancellationToken);
                }
                catch (Exception error) when (error is OperationCanceledException or ChannelClosedException)
                {
                    // The senders stopped: the rest of this claim was never handed over.
                    await claims.ReleaseAsync(batch.Skip(i).Select(d => d.Id).ToList(), CancellationToken.None);
                    throw;
                }
            }
        }
    }

    private async Task SenderAsync(
        ChannelReader<UpdateDelivery> reader,
        ChannelWriter<DeliveryOutcome> writer,
        UpdateLetters letters,
        RateLimiter? limiter,
        Action counted,
        CancellationToken cancellationToken)
    {
        await using var session = transport.OpenSession();
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            if (cancellationToken.IsCancellationRequested || !reader.TryRead(out var delivery))
            {
                continue;
            }

            var message = letters.For(delivery);
            if (limiter is not null)
            {
                using var lease = await limiter.AcquireAsync(1, CancellationToken.None);
            }

            // Once taken from the channel the delivery is handed over whatever happens, and its outcome recorded.
            var result = await session.SendAsync(message, CancellationToken.None);
            counted();
            writer.TryWrite(new DeliveryOutcome(delivery.Id, delivery.Attempts + 1, result));
        }
    }

    private async Task RecordAsync(ChannelReader<DeliveryOutcome> reader, UpdateSendOptions settings, CancellationToken cancellationToken)
    {
        var batch = new List<DeliveryOutcome>(settings.BatchSize * 4);
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            // Gather a moment's outcomes into one transaction: a commit per handful of messages cost more than sending them.
            await Task.WhenAny(reader.Completion, Task.Delay(RecordEvery, CancellationToken.None));
            while (batch.Count < settings.BatchSize * 4 && reader.TryRead(out var outcome))
            {
                batch.Add(outcome);
            }

            await results.RecordAsync(batch, settings, cancellationToken);
            batch.Clear();
        }
    }

    /// <summary>A stage that fails stops the others (their work in hand is then released or recorded).</summary>
    private static async Task Stage(Task work, CancellationTokenSource stop, ChannelWriter<UpdateDelivery>? output)
    {
        try
        {
            await work;
        }
        catch
        {
            await stop.CancelAsync();
            output?.TryComplete();
            throw;
        }
    }
}

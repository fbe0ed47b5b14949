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

/// <summary>The run's third stage: the answers, recorded in batches.</summary>
public sealed partial class ChargeRunner
{
    // ---- Stage 3: the answers, recorded in batches ---------------------------------------------------------------

    private async Task RecordAsync(long runId, ChannelReader<ChargeAnswer> answers, CancellationToken cancellationToken)
    {
        var batch = new List<ChargeAnswer>(settings.BatchSize);
        while (await answers.WaitToReadAsync(cancellationToken))
        {
            await GatherAsync(answers, batch, cancellationToken);
            await RecordBatchAsync(runId, batch, cancellationToken);
            batch.Clear();
        }
    }

    /// <summary>
    /// Takes what is ready, and waits up to Charges:RecordLinger for more while the batch is not full: when the gateway
    /// answers slowly, answers trickle in, and recording each on its own would cost a transaction apiece.
    /// </summary>
    private async Task GatherAsync(ChannelReader<ChargeAnswer> answers, List<ChargeAnswer> batch, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (batch.Count < settings.BatchSize)
        {
            if (answers.TryRead(out var answer))
            {
                batch.Add(answer);
                continue;
            }

            var left = settings.RecordLinger - System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            using var linger = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            linger.CancelAfter(left);
            try
            {
                if (!await answers.WaitToReadAsync(linger.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return;
            }
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
                ChargeRunLog.Recorded(logger, runId, batch.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return;
            }
            catch (DbUpdateConcurrencyException) when (tries < 5)
            {
                // A gateway event recorded one of these meanwhile; read them again and record what is left.
                ChargeRunLog.ConcurrentChange(logger, runId);
            }
            catch (Exception error) when (tries < 5 && WriteConflicts.LostTo(error))
            {
                // A key taken meanwhile, or the server's deadlock victim (at the commit too, where the ledger totals are
                // written): the whole batch rolled back, and is read and recorded again.
                ChargeRunLog.ConcurrentWrite(logger, runId);
            }
            catch (Exception error) when (batch.Count > 1 && WriteConflicts.LostTo(error))
            {
                // Gateway events keep recording some of this batch meanwhile (several workers apply them at once):
                // record the answers one by one, each read afresh, so one busy charge cannot fail the whole run.
                ChargeRunLog.ConcurrentWrite(logger, runId);
                foreach (var answer in batch)
                {
                    await RecordBatchAsync(runId, [answer], cancellationToken);
                }

                return;
            }
        }
    }

    private static string Trim(string text, int length) => text.Length > length ? text[..length] : text;
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Payments.Events;

namespace Portal.Jobs;

/// <summary>
/// Wherever the job server runs: Jobs:EventAppliers loops (unless set, one on SQLite and two on a server: decision 041)
/// that claim stored gateway events in batches and apply them (decision 035). A loop goes on at once while its batches
/// come back full; otherwise it waits for a nudge (an event stored in this process) or Jobs:EventPoll (an event stored
/// on another node). Not Hangfire jobs: a webhook storm must not become a job per event. A stop gives back the events a
/// loop claimed and did not start.
/// </summary>
internal sealed class ApplyEventsContinuously(
    ApplyGatewayEvents events,
    EventNudges nudges,
    IOptions<EventApplyOptions> options,
    IOptions<DatabaseOptions> database,
    ILogger<ApplyEventsContinuously> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // Short and unique per loop: the lease's owner, which the claims compare.
        // A process that restarts with the same id (a container's) still has new owners: what it held before is not its.
        var machine = Environment.MachineName[..Math.Min(20, Environment.MachineName.Length)];
        return Task.WhenAll(Enumerable.Range(1, settings.AppliersOn(database.Value.Provider)).Select(loop =>
        {
            var owner = $"{machine}-{Environment.ProcessId}-{loop}-{Guid.NewGuid().ToString("N")[..12]}";
            return Task.Run(() => LoopAsync(owner, settings, stoppingToken), CancellationToken.None);
        }));
    }

    private async Task LoopAsync(string owner, EventApplyOptions settings, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var nudged = nudges.Next;
            try
            {
                var batch = await events.ApplyBatchAsync(owner, settings.EventBatchSize, stoppingToken);
                if (batch.Claimed == settings.EventBatchSize)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // The database gone for a moment: what this loop held stays leased and comes back when the lease ends.
                JobsLog.ApplierFailed(logger, error, owner);
            }

            try
            {
                await nudged.WaitAsync(settings.EventPoll, stoppingToken);
            }
            catch (TimeoutException)
            {
                // The poll: events stored on other nodes.
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}

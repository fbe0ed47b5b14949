using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships.Runs;

namespace Portal.Jobs;

/// <summary>
/// On every worker: looks every Charges:JoinRunsEvery for a charge run another worker started that still has periods
/// to claim, and takes part in it, so a run is shared by all the workers there are, those started late included. Not
/// a Hangfire job, so that each process joins once however many Hangfire workers it has, and whichever took the run.
/// A stop (SIGTERM) ends the part as it ends a run: nothing more claimed, what was claimed sent and recorded.
/// </summary>
internal sealed class JoinChargeRuns(
    IServiceScopeFactory scopes,
    IOptions<ChargeRunOptions> options,
    IOptions<DatabaseOptions> database,
    ILogger<JoinChargeRuns> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.JoinRunsEvery;
        if (every <= TimeSpan.Zero || database.Value.Provider == DatabaseProvider.Sqlite)
        {
            return;
        }

        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await JoinOneAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task JoinOneAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var runner = scope.ServiceProvider.GetRequiredService<ChargeRunner>();
            if (await runner.FindRunToJoinAsync(stoppingToken) is { } runId)
            {
                using var correlation = Correlation.BeginScope(logger, $"charge-run-{runId}-{Environment.ProcessId}");
                await runner.JoinAsync(runId, stoppingToken);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            JobsLog.JoinFailed(logger, error);
        }
    }
}

using Hangfire;
using Portal.Core.Funds;

namespace Portal.Jobs.Jobs;

/// <summary>Moves a closed fund's sponsorships to the fund staff chose; safe to run again (each batch moves what is left).</summary>
public sealed class MoveFundSponsorshipsJob(MoveFundSponsorships moves)
{
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task Run(Guid moveId, CancellationToken cancellationToken) => moves.RunAsync(moveId, cancellationToken);

    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task Unfinished(CancellationToken cancellationToken) => moves.RunUnfinishedAsync(cancellationToken);
}

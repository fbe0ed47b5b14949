using Hangfire;
using Portal.Core.Privacy;

namespace Portal.Jobs.Jobs;

/// <summary>
/// Finishes erasures that stopped short and applies the retention rule (Privacy:EraseInactiveAfterYears). Safe to run
/// twice; a donor that fails is logged and left to the next run.
/// </summary>
public sealed class EraseInactiveDonorsJob(InactiveDonorErasure erasure)
{
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task Run(CancellationToken cancellationToken) => erasure.RunAsync(cancellationToken);
}

using Hangfire;
using Portal.Core.Reconciliation;

namespace Portal.Jobs.Jobs;

/// <summary>Nightly comparison of our charges, refunds and disputes with the gateway; every repair is listed on its run.</summary>
public sealed class DriftRepairJob(DriftRepair drift)
{
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task Run(CancellationToken cancellationToken) => drift.RunAsync(cancellationToken);
}

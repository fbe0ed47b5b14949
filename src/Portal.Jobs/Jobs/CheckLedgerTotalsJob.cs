using Hangfire;
using Portal.Core.Ledger.Totals;

namespace Portal.Jobs.Jobs;

/// <summary>Nightly proof that the running totals equal the sums of the ledger's lines; a difference is logged, shown and repaired.</summary>
public sealed class CheckLedgerTotalsJob(LedgerTotals totals)
{
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    public Task Run(CancellationToken cancellationToken) => totals.CheckAsync(cancellationToken);
}

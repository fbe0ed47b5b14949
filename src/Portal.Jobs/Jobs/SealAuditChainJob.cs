using Hangfire;
using Portal.Core.Audit;

namespace Portal.Jobs.Jobs;

/// <summary>Seals new audit records into the tamper-evident chain. Two at once are safe: the chain's places are unique.</summary>
public sealed class SealAuditChainJob(AuditChain chain)
{
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)]
    public Task Run(CancellationToken cancellationToken) => chain.SealAsync(cancellationToken);
}

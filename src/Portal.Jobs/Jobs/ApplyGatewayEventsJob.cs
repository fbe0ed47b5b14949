using Hangfire;
using Portal.Core.Payments.Events;

namespace Portal.Jobs.Jobs;

/// <summary>Applies stored gateway events: one as soon as it arrives, and a sweep for any that were missed.</summary>
public sealed class ApplyGatewayEventsJob(ApplyGatewayEvents events)
{
    // The inbox row remembers failures and retries itself; Hangfire's own retries would only repeat that.
    [Queue(JobQueues.Events)]
    [AutomaticRetry(Attempts = 0)]
    public Task ApplyOne(long inboxId, CancellationToken cancellationToken) => events.ApplyAsync(inboxId, cancellationToken);

    [Queue(JobQueues.Events)]
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task ApplyDue(CancellationToken cancellationToken) => events.ApplyDueAsync(cancellationToken);
}

using Hangfire;
using Portal.Core.Payments.Events;

namespace Portal.Jobs.Jobs;

/// <summary>
/// The sweep behind the event appliers (decision 035): claims and applies whatever is due, as they do, so events are
/// applied even where Jobs:EventAppliers is 0 or the loops are failing. No job is enqueued per event any more.
/// </summary>
public sealed class ApplyGatewayEventsJob(ApplyGatewayEvents events)
{
    /// <summary>Only for jobs enqueued before the appliers existed: applies the one event under a claim of its own.</summary>
    [Queue(JobQueues.Events)]
    [AutomaticRetry(Attempts = 0)]
    public Task ApplyOne(long inboxId, CancellationToken cancellationToken) => events.ApplyAsync(inboxId, cancellationToken);

    // The inbox row remembers failures and retries itself; Hangfire's own retries would only repeat that.
    [Queue(JobQueues.Events)]
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task ApplyDue(CancellationToken cancellationToken) => events.ApplyDueAsync(cancellationToken);
}

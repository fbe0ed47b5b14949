using Hangfire;
using Portal.Core.Communications.Updates;

namespace Portal.Jobs.Jobs;

/// <summary>
/// Starts scheduled updates and sends what is queued. Safe to run twice at once and after a crash: deliveries are
/// claimed before they are sent, and one left claimed by a run that died is never sent again.
/// </summary>
public sealed class SendImpactUpdatesJob(UpdateSends sends)
{
    [Queue(JobQueues.Mail)]
    [AutomaticRetry(Attempts = 0)]
    public Task Run(CancellationToken cancellationToken) => sends.RunAsync(cancellationToken);
}

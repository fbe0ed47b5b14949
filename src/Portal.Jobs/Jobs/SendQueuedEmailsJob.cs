using Hangfire;
using Portal.Core.Communications;

namespace Portal.Jobs.Jobs;

/// <summary>Sends the outbox. Safe to run twice at once: each message is claimed before it is sent.</summary>
public sealed class SendQueuedEmailsJob(SendQueuedEmails sender)
{
    [Queue(JobQueues.Mail)]
    [AutomaticRetry(Attempts = 0)]
    public Task Run(CancellationToken cancellationToken) => sender.SendDueAsync(cancellationToken);
}

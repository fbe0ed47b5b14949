using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships;

namespace Portal.Jobs.Jobs;

/// <summary>Once a day (<see cref="JobsOptions.CardExpiryRemindersCron"/>): remind donors whose card expires before their next charge.</summary>
public sealed class CardExpiryRemindersJob(IServiceScopeFactory scopes, IBackgroundWork work)
{
    // Safe to run twice: each reminder's outbox key is unique per donor and card. A failed run is simply tomorrow's.
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task Run(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<CardExpiryReminders>().QueueAsync(cancellationToken);
        if (queued > 0)
        {
            work.SendQueuedEmails();
        }
    }
}

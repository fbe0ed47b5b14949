using Hangfire;
using Microsoft.Extensions.Logging;
using Portal.Core.Hosting;
using Portal.Core.Payments.Events;
using Portal.Jobs.Jobs;

namespace Portal.Jobs;

/// <summary>
/// Turns the core's "do this soon" into Hangfire jobs. The work itself is already in the database, and a recurring
/// sweep finds what a lost request would have started: so a request that cannot be enqueued (Hangfire's storage busy
/// or down for a moment) is logged and dropped, never failing the charge, webhook or form that asked for it. Stored
/// gateway events are the exception: the event appliers take them, and a nudge only wakes those of this process.
/// </summary>
public sealed class HangfireBackgroundWork(IBackgroundJobClient jobs, EventNudges events, ILogger<HangfireBackgroundWork> logger)
    : IBackgroundWork
{
    public void ApplyGatewayEvents() => events.Nudge();

    public void SendQueuedEmails() =>
        Nudge("send queued e-mails", () => jobs.Enqueue<SendQueuedEmailsJob>(JobQueues.Mail, job => job.Run(CancellationToken.None)));

    public void SendSignInLinks() =>
        Nudge("send sign-in links", () => jobs.Enqueue<SendSignInLinksJob>(JobQueues.Mail, job => job.Run(CancellationToken.None)));

    /// <summary>Asked for by a staff member, who must learn if it did not happen: not dropped.</summary>
    public void ChargeDueSponsorships(string startedBy) =>
        jobs.Enqueue<ChargeDueSponsorshipsJob>(JobQueues.Default, job => job.Run(startedBy, CancellationToken.None));

    public void SendImpactUpdates() =>
        Nudge("send impact updates", () => jobs.Enqueue<SendImpactUpdatesJob>(JobQueues.Mail, job => job.Run(CancellationToken.None)));

    public void CountAudiences() =>
        Nudge("count audiences", () => jobs.Enqueue<CountAudiencesJob>(JobQueues.Default, job => job.Run(CancellationToken.None)));

    public void MoveFundSponsorships(Guid moveId) =>
        Nudge(
            "move fund sponsorships",
            () => jobs.Enqueue<MoveFundSponsorshipsJob>(JobQueues.Default, job => job.Run(moveId, CancellationToken.None)));

    /// <summary>The sandbox's settlement has no sweep: not dropped.</summary>
    public void SettleSandboxPayment(string paymentId, TimeSpan after) =>
        jobs.Schedule<SettleSandboxPaymentJob>(JobQueues.Events, job => job.Run(paymentId, CancellationToken.None), after);

    private void Nudge(string what, Func<string> enqueue)
    {
        try
        {
            enqueue();
        }
        catch (BackgroundJobClientException error)
        {
            JobsLog.NudgeLost(logger, error, what);
        }
    }
}

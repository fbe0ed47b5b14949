using Hangfire;
using Portal.Core.Hosting;
using Portal.Jobs.Jobs;

namespace Portal.Jobs;

/// <summary>Turns the core's "do this soon" into Hangfire jobs. The work itself is already in the database.</summary>
public sealed class HangfireBackgroundWork(IBackgroundJobClient jobs) : IBackgroundWork
{
    public void ApplyGatewayEvent(long inboxId) =>
        jobs.Enqueue<ApplyGatewayEventsJob>(JobQueues.Events, job => job.ApplyOne(inboxId, CancellationToken.None));

    public void SendQueuedEmails() =>
        jobs.Enqueue<SendQueuedEmailsJob>(JobQueues.Mail, job => job.Run(CancellationToken.None));

    public void ChargeDueSponsorships(string startedBy) =>
        jobs.Enqueue<ChargeDueSponsorshipsJob>(JobQueues.Default, job => job.Run(startedBy, CancellationToken.None));

    public void SendImpactUpdates() =>
        jobs.Enqueue<SendImpactUpdatesJob>(JobQueues.Mail, job => job.Run(CancellationToken.None));

    public void CountAudiences() =>
        jobs.Enqueue<CountAudiencesJob>(JobQueues.Default, job => job.Run(CancellationToken.None));

    public void SettleSandboxPayment(string paymentId, TimeSpan after) =>
        jobs.Schedule<SettleSandboxPaymentJob>(JobQueues.Events, job => job.Run(paymentId, CancellationToken.None), after);
}

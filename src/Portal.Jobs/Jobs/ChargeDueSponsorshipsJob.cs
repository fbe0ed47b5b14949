using Hangfire;
using Portal.Core.Sponsorships.Runs;

namespace Portal.Jobs.Jobs;

/// <summary>
/// Charges every period that is due. Two of these running at once (two servers, a manual run during the scheduled
/// one) are safe: each period is claimed by one of them. Not retried by Hangfire: the next scheduled run resolves
/// what a failed one left in flight, and asks the gateway before it charges anything again.
/// </summary>
public sealed class ChargeDueSponsorshipsJob(ChargeRunner runner)
{
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)]
    public Task Run(string startedBy, CancellationToken cancellationToken) => runner.RunAsync(startedBy, cancellationToken);
}

using Hangfire;
using Portal.Core.Hosting.Limits;

namespace Portal.Jobs.Jobs;

/// <summary>Deletes the shared rate limits' counters of windows that ended a day ago. Two at once delete the same rows: harmless.</summary>
public sealed class PruneLimitCountersJob(SharedLimits limits)
{
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)]
    public Task Run(CancellationToken cancellationToken) => limits.PruneAsync(cancellationToken);
}

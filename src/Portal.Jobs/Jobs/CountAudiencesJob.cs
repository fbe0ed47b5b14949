using Hangfire;
using Portal.Core.Communications.Audiences;

namespace Portal.Jobs.Jobs;

/// <summary>Counts each fund's audience and the tax statements for the Communications home page.</summary>
public sealed class CountAudiencesJob(AudienceCounts counts)
{
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task Run(CancellationToken cancellationToken) => counts.CountAsync(cancellationToken);
}

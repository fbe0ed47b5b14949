using Hangfire;
using Microsoft.Extensions.Logging;
using Portal.Core.Communications.Bounces;

namespace Portal.Jobs.Jobs;

/// <summary>
/// Reads the bounce mailbox (<see cref="JobsOptions.ReadBouncesCron"/>) when <c>Email:Bounces:Imap:Enabled</c>; does
/// nothing otherwise, so the schedule can stay registered on every host.
/// </summary>
public sealed class ReadBouncesJob(ReadBounces bounces, ILogger<ReadBouncesJob> logger)
{
    // Safe to run twice: a message is flagged \Seen once recorded, and recording a bounce again changes nothing.
    [Queue(JobQueues.Mail)]
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task Run(CancellationToken cancellationToken)
    {
        var run = await bounces.RunAsync(cancellationToken);
        if (run.Read > 0 || run.Failed > 0)
        {
            JobsLog.BouncesRead(logger, run.Read, run.HardBounces, run.Failed);
        }
    }
}

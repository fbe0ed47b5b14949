using Hangfire;
using Microsoft.Extensions.Logging;
using Portal.Core.Hosting;
using Portal.Core.Transparency.TaxStatements;

namespace Portal.Jobs.Jobs;

/// <summary>After a fiscal year ends (<see cref="JobsOptions.TaxStatementsCron"/>): issue and e-mail every donor's statement for it.</summary>
public sealed class IssueTaxStatementsJob(IssueTaxStatements statements, IBackgroundWork work, ILogger<IssueTaxStatementsJob> logger)
{
    // Safe to run twice: a donor's statement is issued once (unique per donor and year). A donor who failed is tried
    // again by the next run, so Hangfire's retry would add nothing.
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    public async Task Run(CancellationToken cancellationToken)
    {
        var run = await statements.RunAsync(fiscalYear: null, cancellationToken);
        JobsLog.TaxStatementsIssued(logger, run.FiscalYear, run.Issued, run.Skipped, run.Failures.Count);
        if (run.Issued > 0)
        {
            work.SendQueuedEmails();
        }
    }
}

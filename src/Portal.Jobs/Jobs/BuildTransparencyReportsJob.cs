using Hangfire;
using Portal.Core.Hosting;
using Portal.Core.Transparency;

namespace Portal.Jobs.Jobs;

/// <summary>
/// Builds every fund's transparency report for the quarter (<see cref="JobsOptions.QuarterlyReportsCron"/>) or the year
/// (<see cref="JobsOptions.YearlyReportsCron"/>) that last ended in the charity's calendar, or for a period staff name.
/// </summary>
public sealed class BuildTransparencyReportsJob(BuildTransparencyReports reports, CharityCalendar calendar)
{
    // Safe to run twice: drafts get fresh figures and published reports are left alone. A fund that failed is logged
    // and built by the next run; the others are built regardless.
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task LastQuarter(CancellationToken cancellationToken) => reports.BuildAsync(ReportPeriod.QuarterBefore(calendar.Today), cancellationToken);

    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task LastYear(CancellationToken cancellationToken) => reports.BuildAsync(ReportPeriod.YearBefore(calendar.Today), cancellationToken);
}

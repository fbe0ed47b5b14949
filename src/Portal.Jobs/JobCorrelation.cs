using System.Diagnostics;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using Portal.Core.Hosting;
using Portal.Core.Shared;

namespace Portal.Jobs;

/// <summary>
/// Carries the enqueuer's correlation id and trace into a job, and gives every job a log scope (correlation id, job id,
/// job type), a span and a duration. A job enqueued inside a request or another job keeps that one's id; one enqueued
/// by the recurring schedule gets its own (its span's trace id). Hangfire calls both halves synchronously around the
/// job on one worker thread, so what <see cref="OnPerforming"/> sets flows into the job and is undone afterwards.
/// </summary>
internal sealed class JobCorrelation(ILoggerFactory loggers, PortalTelemetry telemetry) : IClientFilter, IServerFilter
{
    private const string CorrelationParameter = "CorrelationId";
    private const string TraceParentParameter = "TraceParent";
    private const string RunItem = "Portal.JobRun";

    private readonly ILogger logger = loggers.CreateLogger<JobCorrelation>();

    public void OnCreating(CreatingContext context)
    {
        if (Correlation.Current is { } id)
        {
            context.SetJobParameter(CorrelationParameter, id);
        }

        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
        {
            context.SetJobParameter(TraceParentParameter, activity.Id);
        }
    }

    public void OnCreated(CreatedContext context)
    {
    }

    public void OnPerforming(PerformingContext context)
    {
        var job = Name(context.BackgroundJob.Job);
        var jobId = context.BackgroundJob.Id;
        ActivityContext.TryParse(context.GetJobParameter<string>(TraceParentParameter, allowStale: true), null, out var parent);
        var activity = PortalTelemetry.Source.StartActivity($"job {job}", ActivityKind.Consumer, parent);
        var offered = context.GetJobParameter<string>(CorrelationParameter, allowStale: true);
        var id = Correlation.IsAcceptable(offered) ? offered! : Correlation.FromTrace(activity);
        activity?.SetTag("portal.job", job);
        activity?.SetTag("portal.job_id", jobId);
        activity?.SetTag("portal.correlation_id", id);
        var scope = logger.BeginScope(new LogScope([new(Correlation.ScopeKey, id), new("JobId", jobId), new("JobType", job)]));
        context.Items[RunItem] = new JobRun(job, Stopwatch.GetTimestamp(), activity, scope, Correlation.Current);
        Correlation.Current = id;
        JobsLog.JobStarted(logger, job, jobId);
    }

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(RunItem, out var item) || item is not JobRun run)
        {
            return;
        }

        var elapsed = Stopwatch.GetElapsedTime(run.Started);
        var outcome = context.Exception switch
        {
            null => "succeeded",
            OperationCanceledException => "canceled",
            _ => "failed",
        };
        telemetry.JobFinished(run.Job, outcome, elapsed);
        JobsLog.JobFinished(logger, run.Job, context.BackgroundJob.Id, outcome, elapsed.TotalSeconds);
        run.Activity?.SetTag("portal.outcome", outcome);
        if (context.Exception is { } error)
        {
            run.Activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        }

        run.Scope?.Dispose();
        run.Activity?.Dispose();
        Correlation.Current = run.OuterCorrelation;
    }

    /// <summary>The job's class and method, such as <c>SendQueuedEmailsJob.Run</c>: few enough values for a metric tag.</summary>
    internal static string Name(Job job) => $"{job.Type.Name}.{job.Method.Name}";

    private sealed record JobRun(string Job, long Started, Activity? Activity, IDisposable? Scope, string? OuterCorrelation);
}

using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Jobs;

/// <summary>
/// Readiness of this host's Hangfire storage: one cheap read (a recurring job's hash) on a connection of its own,
/// given up after <see cref="Timeout"/>. Hangfire's storage API is synchronous, so the read runs on the pool.
/// </summary>
public sealed class JobStorageCheck(JobStorage storage) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            var schedule = await Task.Run(ReadSchedule, cancellationToken).WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy(
                schedule ? "Job storage answers; the recurring jobs are registered." : "Job storage answers; no recurring jobs yet.");
        }
        catch (TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Job storage did not answer within {Timeout.TotalSeconds:0} s.");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Job storage failed: {error.GetType().Name}.");
        }
    }

    private bool ReadSchedule()
    {
        using var connection = storage.GetConnection();
        return connection.GetAllEntriesFromHash($"recurring-job:{RecurringJobs.ApplyGatewayEvents}") is { Count: > 0 };
    }
}

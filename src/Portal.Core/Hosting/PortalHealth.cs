using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Core.Communications;
using Portal.Core.Data;
using Portal.Core.Payments;

namespace Portal.Core.Hosting;

/// <summary>
/// <c>/health/live</c> answers while the process does (no checks); <c>/health/ready</c> (and <c>/health</c>, which
/// older load balancers probe) runs the checks tagged <see cref="Ready"/> and answers 503 when one is unhealthy. The
/// same endpoints serve the web host and the worker's optional listener. The body is JSON: each check's name, status,
/// duration and a short description; never a secret or a stack trace.
/// </summary>
public static class PortalHealth
{
    public const string Ready = "ready";

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The checks of Portal.Core's parts: the database, the gateway's settings and the mail transport.</summary>
    public static IServiceCollection AddPortalHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<MailTransportCheck>();
        services.AddHealthChecks()
            .AddDbContextCheck<PortalDbContext>("database", tags: [Ready])
            .AddCheck<GatewayConfigurationCheck>("gateway", tags: [Ready], timeout: CheckTimeout)
            // A relay that does not answer delays mail (the outbox keeps it and tries again); it is no reason to take
            // web nodes out of the balancer and stop donors from giving, so it degrades readiness without failing it.
            .AddCheck<MailTransportCheck>("mail", HealthStatus.Degraded, [Ready], CheckTimeout);
        return services;
    }

    public static void MapPortalHealth(this IEndpointRouteBuilder endpoints)
    {
        Map(endpoints, "/health/live", _ => false);
        Map(endpoints, "/health/ready", check => check.Tags.Contains(Ready));
        Map(endpoints, "/health", check => check.Tags.Contains(Ready));
    }

    /// <summary>Anonymous, never rate-limited, never cached, and never swapped for a status page.</summary>
    private static void Map(IEndpointRouteBuilder endpoints, string path, Func<HealthCheckRegistration, bool> predicate) =>
        endpoints.MapHealthChecks(path, new HealthCheckOptions { Predicate = predicate, ResponseWriter = WriteAsync })
            .AllowAnonymous()
            .DisableRateLimiting()
            .CacheOutput(policy => policy.NoCache())
            .WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute());

    private static Task WriteAsync(HttpContext context, HealthReport report) => context.Response.WriteAsJsonAsync(
        new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(entry => new
            {
                name = entry.Key,
                status = entry.Value.Status.ToString(),
                durationMs = Math.Round(entry.Value.Duration.TotalMilliseconds, 1),
                description = Describe(entry.Value),
            }),
        },
        context.RequestAborted);

    /// <summary>The check's own words, or the failure's type and message (a thrown check); at most 300 characters.</summary>
    private static string? Describe(HealthReportEntry entry)
    {
        var text = entry.Exception is { } error && entry.Description is null ? $"{error.GetType().Name}: {error.Message}" : entry.Description;
        return text is { Length: > 300 } ? text[..300] : text;
    }
}

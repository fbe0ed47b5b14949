using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Hosting;

namespace Portal.Jobs;

/// <summary>
/// The worker has no web server; with <c>Jobs:HealthUrls</c> set it starts a small one that serves only
/// <c>/health/live</c> and <c>/health/ready</c> (<see cref="PortalHealth"/>), running the worker's own checks with the
/// worker's own services, so an orchestrator can probe a worker as it probes a web node.
/// </summary>
internal sealed class WorkerHealthListener(HealthCheckService checks, ILoggerFactory loggers, IOptions<JobsOptions> options) : IHostedService
{
    private WebApplication? listener;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var urls = options.Value.HealthUrls!;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(urls);
        builder.Services.AddRoutingCore();
        // The worker's checks and logs, not copies: the listener only answers.
        builder.Services.AddSingleton(checks);
        builder.Services.AddSingleton(loggers);
        listener = builder.Build();
        listener.UseRouting();
        listener.MapPortalHealth();
        await listener.StartAsync(cancellationToken);
        JobsLog.HealthListening(loggers.CreateLogger<WorkerHealthListener>(), urls);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (listener is not null)
        {
            await listener.StopAsync(cancellationToken);
            await listener.DisposeAsync();
        }
    }
}

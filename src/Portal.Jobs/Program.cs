using Hangfire;
using Microsoft.Extensions.Options;
using Portal.Core.Hosting;

namespace Portal.Jobs;

/// <summary>
/// The worker host: runs the portal's jobs on a machine of its own, against the same database as the web nodes.
/// Run it with Jobs:RunServer=false on the web nodes so that only workers take jobs.
/// </summary>
public static class WorkerProgram
{
    public static async Task Main(string[] args)
    {
        using var host = CreateHost(args);
        await host.RunAsync();
    }

    /// <summary>The worker's composition, with optional settings on top of its configuration (for tests).</summary>
    public static IHost CreateHost(string[] args, IDictionary<string, string?>? settings = null)
    {
        var host = CreateBuilder(args, settings).Build();
        RecurringJobs.Register(host.Services.GetRequiredService<IRecurringJobManager>(), host.Services.GetRequiredService<IOptions<JobsOptions>>());
        return host;
    }

    /// <summary>The worker's services before the host is built: what <see cref="CreateHost"/> builds, and what tests inspect.</summary>
    public static HostApplicationBuilder CreateBuilder(string[] args, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.AddPortalConsoleFormat(builder.Environment);
        builder.Services.AddPortalTelemetry(builder.Configuration, TelemetryRegistration.WorkerService);
        var dataFolder = PortalCoreRegistration.DataFolder(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddPortalCore(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddPortalJobs(builder.Configuration, dataFolder);
        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{JobsOptions.Section}:{nameof(JobsOptions.HealthUrls)}"]))
        {
            builder.Services.AddHostedService<WorkerHealthListener>();
        }
        return builder;
    }
}

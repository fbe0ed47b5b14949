using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Jobs.Jobs;

namespace Portal.Jobs;

public static class JobsRegistration
{
    /// <summary>Hangfire on the portal's database (or in memory for tests), the job classes, and a server if asked for.</summary>
    public static IServiceCollection AddPortalJobs(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        // This host's own storage instance, registered before AddHangfire (which adds one only if none is there): the
        // client, the server and the dashboard then use it, never the process-wide JobStorage.Current that another
        // host in the same process (a test) may have replaced.
        services.AddSingleton(_ => CreateStorage(jobs.Storage, database, dataFolder));
        // This host's filters beside Hangfire's global ones; AddHangfire builds its client, scheduler and performer on
        // this provider (it adds the global one only if none is there), so two hosts in a process keep their own.
        services.AddSingleton<JobCorrelation>();
        services.AddSingleton<IJobFilterProvider>(provider =>
            new JobFilterProviderCollection(JobFilterProviders.Providers, new JobFilterCollection { provider.GetRequiredService<JobCorrelation>() }));
        services.AddHealthChecks().AddCheck<JobStorageCheck>("jobs-storage", tags: [PortalHealth.Ready]);
        services.AddHangfire((provider, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        if (jobs.RunServer)
        {
            services.AddHangfireServer(server =>
            {
                server.Queues = JobQueues.All;
                server.WorkerCount = jobs.WorkerCount;
                // A stop cancels the jobs' tokens at once; they then have this long to finish what they hold.
                server.ShutdownTimeout = jobs.ShutdownTimeout;
            });
            services.Configure<HostOptions>(host => host.ShutdownTimeout = jobs.ShutdownTimeout + TimeSpan.FromSeconds(5));
            services.AddHostedService<JoinChargeRuns>();
            // The event appliers run where the job server does: the web node on the embedded default, else the workers.
            services.AddHostedService<ApplyEventsContinuously>();
        }

        services.AddSingleton<IBackgroundWork, HangfireBackgroundWork>();
        services.AddTransient<ApplyGatewayEventsJob>();
        services.AddTransient<SendQueuedEmailsJob>();
        services.AddTransient<SendImpactUpdatesJob>();
        services.AddTransient<SettleSandboxPaymentJob>();
        return services;
    }

    private static JobStorage CreateStorage(JobStorageKind kind, DatabaseOptions database, string dataFolder)
    {
        if (kind == JobStorageKind.InMemory)
        {
            return new InMemoryStorage();
        }

        switch (database.Provider)
        {
            case DatabaseProvider.SqlServer:
                return new SqlServerStorage(database.ConnectionString, new SqlServerStorageOptions { PrepareSchemaIfNecessary = true });
            case DatabaseProvider.PostgreSql:
                var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true };
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString!, options, null), options);
            default:
                Directory.CreateDirectory(dataFolder);
                return new SQLiteStorage(Path.Combine(dataFolder, "hangfire.db"), new SQLiteStorageOptions());
        }
    }
}

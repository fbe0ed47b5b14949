using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        services.AddHangfire(hangfire =>
        {
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            UseStorage(hangfire, jobs.Storage, database, dataFolder);
        });
        if (jobs.RunServer)
        {
            services.AddHangfireServer(server =>
            {
                server.Queues = JobQueues.All;
                server.WorkerCount = jobs.WorkerCount;
            });
        }

        services.AddSingleton<IBackgroundWork, HangfireBackgroundWork>();
        services.AddTransient<ApplyGatewayEventsJob>();
        services.AddTransient<SendQueuedEmailsJob>();
        services.AddTransient<SettleSandboxPaymentJob>();
        return services;
    }

    private static void UseStorage(IGlobalConfiguration hangfire, JobStorageKind kind, DatabaseOptions database, string dataFolder)
    {
        if (kind == JobStorageKind.InMemory)
        {
            hangfire.UseInMemoryStorage();
            return;
        }

        switch (database.Provider)
        {
            case DatabaseProvider.SqlServer:
                hangfire.UseSqlServerStorage(database.ConnectionString, new SqlServerStorageOptions { PrepareSchemaIfNecessary = true });
                break;
            case DatabaseProvider.PostgreSql:
                hangfire.UsePostgreSqlStorage(options => options.UseNpgsqlConnection(database.ConnectionString));
                break;
            default:
                Directory.CreateDirectory(dataFolder);
                hangfire.UseSQLiteStorage(Path.Combine(dataFolder, "hangfire.db"));
                break;
        }
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Jobs;

namespace Portal.Testing;

/// <summary>
/// The portal's own service container on a test database, as the web process builds it, without the web host:
/// real services, real Hangfire client (in-memory storage, no server), and a fake clock.
/// </summary>
public sealed class PortalServices : IAsyncDisposable
{
    private PortalServices(ServiceProvider provider, FakeTimeProvider clock, string dataFolder)
    {
        Provider = provider;
        Clock = clock;
        DataFolder = dataFolder;
    }

    public ServiceProvider Provider { get; }

    public FakeTimeProvider Clock { get; }

    public string DataFolder { get; }

    /// <param name="logs">When given, every log event at every level is kept there.</param>
    public static PortalServices Create(
        TestDatabase database, IDictionary<string, string?>? settings = null, string environment = "Development", TestLogs? logs = null)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        var values = new Dictionary<string, string?>
        {
            ["Portal:DataFolder"] = dataFolder,
            ["Portal:PublicBaseUrl"] = "http://portal.test",
            ["Database:Provider"] = database.Provider.ToString(),
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Jobs:RunServer"] = "false",
            ["Jobs:Storage"] = "InMemory",
            // Keys this container writes are encrypted, so a node in Production may start on the same database.
            ["DataProtection:CertificatePath"] = KeyRingCertificates.SharedPath,
            ["DataProtection:CertificatePassword"] = KeyRingCertificates.Password,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(
            new HostingEnvironment { EnvironmentName = environment, ContentRootPath = dataFolder, ApplicationName = "Portal.Tests" });
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(logs is null ? LogLevel.Warning : LogLevel.Trace);
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddPortalCore(configuration, dataFolder);
        services.AddPortalJobs(configuration, dataFolder);
        services.AddFastPasswordHashing();
        // 2026-03-10 12:00 UTC: a fixed, ordinary day; tests move it forward when time matters.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        services.AddSingleton<TimeProvider>(clock);
        return new PortalServices(
            services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }),
            clock,
            dataFolder);
    }

    public T Get<T>()
        where T : notnull => Provider.GetRequiredService<T>();

    /// <summary>Runs <paramref name="work"/> with a fresh scope, as one request or one job would.</summary>
    public async Task<TResult> InScopeAsync<TResult>(Func<IServiceProvider, Task<TResult>> work)
    {
        await using var scope = Provider.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task InScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Provider.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    public PortalDbContext CreateContext()
        => Provider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PortalDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temporary folder's own clean-up.
        }
    }
}

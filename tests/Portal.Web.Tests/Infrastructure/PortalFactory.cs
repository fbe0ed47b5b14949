using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications;
using Portal.Core.Data;
using Portal.Core.Payments.Events;
using Portal.Testing;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// The whole portal through WebApplicationFactory on a real database of its own. Jobs do not run by themselves:
/// a test runs them with <see cref="RunJobsAsync"/>, so it decides when the event inbox and the outbox are worked.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private readonly string environment;

    private readonly bool ownsDatabase;

    private PortalFactory(TestDatabase database, Dictionary<string, string?> settings, string environment, bool ownsDatabase = true)
    {
        Database = database;
        this.settings = settings;
        this.environment = environment;
        this.ownsDatabase = ownsDatabase;
    }

    public TestDatabase Database { get; }

    public string DataFolder => settings["Portal:DataFolder"]!;

    /// <summary>Services a test adds on top of the portal's own (before the host is built).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    public static async Task<PortalFactory> CreateAsync(
        DatabaseProvider provider = DatabaseProvider.Sqlite,
        IDictionary<string, string?>? overrides = null,
        string environment = "Development")
    {
        var database = await TestDatabase.CreateAsync(provider);
        var settings = new Dictionary<string, string?>
        {
            ["Portal:DataFolder"] = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N")),
            ["Portal:PublicBaseUrl"] = "http://localhost",
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Jobs:RunServer"] = "false",
            ["Jobs:Storage"] = "InMemory",

            // The tests' figures start from the demo's opening balances alone (DemoTransparencyTests turns it on).
            ["Portal:DemoHistory"] = "false",
        };
        if (environment != "Development")
        {
            // Outside Development the portal wants HTTPS; the test server speaks plain HTTP (a test of HTTPS turns it off).
            settings["Portal:AllowPlainHttp"] = "true";

            // Required outside Development: the key ring is encrypted at rest.
            foreach (var (key, value) in KeyRingCertificates.Settings())
            {
                settings[key] = value;
            }
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new PortalFactory(database, settings, environment);
    }

    /// <summary>
    /// A second web node: the same settings on the same database, a data folder of its own, nothing else shared (as
    /// another machine behind the load balancer). The first node disposes the database.
    /// </summary>
    public PortalFactory AnotherNode(IDictionary<string, string?>? overrides = null, string? environment = null)
    {
        var copy = new Dictionary<string, string?>(settings)
        {
            ["Portal:DataFolder"] = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N")),
        };
        if ((environment ?? this.environment) != "Development")
        {
            // As CreateAsync: the test server speaks plain HTTP.
            copy.TryAdd("Portal:AllowPlainHttp", "true");
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            copy[key] = value;
        }

        return new PortalFactory(Database, copy, environment ?? this.environment, ownsDatabase: false);
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at each one).</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Works the inbox and the outbox once, as the recurring jobs would.</summary>
    public async Task RunJobsAsync()
    {
        await Services.GetRequiredService<ApplyGatewayEvents>().ApplyDueAsync(CancellationToken.None);
        await AwaitHeldEventsAsync();
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Portal.Core.Donors.DonorSignIn>().SendRequestedLinksAsync(CancellationToken.None);
        }

        await Services.GetRequiredService<SendQueuedEmails>().SendDueAsync(CancellationToken.None);
    }

    /// <summary>
    /// Where the portal runs its own appliers (Jobs:RunServer), one may hold an event the pass above skipped: waits until
    /// none is held, then applies what is still due, so a test reads what the gateway told the portal.
    /// </summary>
    private async Task AwaitHeldEventsAsync()
    {
        var patience = DateTime.UtcNow.AddSeconds(60);
        while (await QueryAsync(db => db.GatewayEvents.AnyAsync(e => e.Status == GatewayEventStatus.Pending && e.LeaseOwner != null)))
        {
            Assert.True(DateTime.UtcNow < patience, "An applier held a gateway event for a minute");
            await Task.Delay(20);
        }

        await Services.GetRequiredService<ApplyGatewayEvents>().ApplyDueAsync(CancellationToken.None);
    }

    /// <summary>The demo villages and programs, for tests outside Development (where start-up seeds nothing).</summary>
    public async Task SeedDemoFundsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Portal.Core.Funds.SeedDemoContent>().RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// Nairobi's school books in June 2025, as Finance records spending: a report of 2025 then has something to tell
    /// (one with no gift and no spending is not published).
    /// </summary>
    public async Task RecordNairobiSpending2025Async()
    {
        await using var scope = Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<Portal.Core.Spending.SpendingBook>().AddAsync(
            new Portal.Core.Spending.SpendingInput("nairobi", "education", "2025-06-02", "150.00", "EUR", "School books", "T-1"),
            "s",
            "finance",
            CancellationToken.None));
    }

    public async Task<T> QueryAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var db = Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        return await query(db);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddFastPasswordHashing());

        if (TestServices is { } configure)
        {
            builder.ConfigureServices(configure);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabase)
        {
            await Database.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Nothing was written, or a file is still open: left for the temporary folder's own clean-up.
        }
    }
}

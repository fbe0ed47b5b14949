using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Jobs;

namespace Portal.Bench;

/// <summary>
/// The portal's own service container on a new SQLite file, as the worker host builds it, without the host: real
/// services and clock, Stripe pointed at the fake, Hangfire's client on in-memory storage with no server.
/// </summary>
internal static class BenchPortal
{
    public static ServiceProvider Create(string folder, ChargesSettings settings, FakeStripeProcess stripe, TextWriter progress) =>
        Create(folder, progress, new Dictionary<string, string?>
        {
            ["Payments:Gateway"] = "Stripe",
            ["Stripe:SecretKey"] = stripe.ApiKey,
            ["Stripe:ApiBase"] = stripe.BaseUrl,
            ["Stripe:WebhookSecret"] = "whsec_bench",
            ["Charges:RequestsPerSecond"] = settings.RequestsPerSecond.ToString(CultureInfo.InvariantCulture),
            ["Charges:MaxConcurrency"] = settings.Concurrency.ToString(CultureInfo.InvariantCulture),
            ["Charges:BatchSize"] = settings.BatchSize.ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>The portal with no gateway to talk to (the sandbox, allowed here): for benchmarks of the books alone.</summary>
    public static ServiceProvider CreateOffline(string folder, TextWriter progress) =>
        Create(folder, progress, new Dictionary<string, string?> { ["Payments:Gateway"] = "Sandbox", ["Payments:AllowSandbox"] = "true" });

    /// <summary>The portal's services on a PostgreSQL database that nodes run on: for seeding it (the sandbox, allowed here).</summary>
    public static ServiceProvider CreateOnPostgres(string folder, TextWriter progress, string connectionString) =>
        Create(folder, progress, new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["Database:ConnectionString"] = connectionString,
            ["Payments:Gateway"] = "Sandbox",
            ["Payments:AllowSandbox"] = "true",
        });

    /// <summary>The portal sending mail over SMTP to a local sink, with the given update-send settings.</summary>
    public static ServiceProvider CreateForMail(string folder, TextWriter progress, int smtpPort, IReadOnlyDictionary<string, string?> updates)
    {
        var values = new Dictionary<string, string?>
        {
            ["Payments:Gateway"] = "Sandbox",
            ["Payments:AllowSandbox"] = "true",
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
        };
        foreach (var (key, value) in updates)
        {
            values[key] = value;
        }

        return Create(folder, progress, values);
    }

    private static ServiceProvider Create(string folder, TextWriter progress, Dictionary<string, string?> gateway)
    {
        var values = new Dictionary<string, string?>
        {
            ["Portal:DataFolder"] = folder,
            ["Portal:PublicBaseUrl"] = "https://portal.bench.invalid",
            ["Portal:SeedDemoContent"] = "false",
            ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
            ["Database:ConnectionString"] = SqliteConnections.ForFile(Path.Combine(folder, "portal.db")),
            ["Jobs:RunServer"] = "false",
            ["Jobs:Storage"] = "InMemory",
            // Keys are encrypted as in production, so the portal's web host may start on this database afterwards.
            ["DataProtection:CertificatePath"] = Portal.Testing.KeyRingCertificates.SharedPath,
            ["DataProtection:CertificatePassword"] = Portal.Testing.KeyRingCertificates.Password,
        };
        foreach (var (key, value) in gateway)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(
            new HostingEnvironment { EnvironmentName = Environments.Production, ContentRootPath = folder, ApplicationName = "Portal.Bench" });
        services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Portal.Core.Reconciliation", LogLevel.Information)
            .AddFilter(
                "Microsoft.EntityFrameworkCore.Database.Command",
                Environment.GetEnvironmentVariable("PORTAL_BENCH_SQL") == "1" ? LogLevel.Information : LogLevel.Warning)
            .AddProvider(new ProgressLoggerProvider(progress)));
        services.AddPortalCore(configuration, folder);
        services.AddPortalJobs(configuration, folder);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>Migrates with the portal's own migrations (WAL, as at start-up) and seeds the demo funds.</summary>
    public static async Task PrepareAsync(IServiceProvider provider, CancellationToken cancellationToken)
    {
        await PrepareDatabase.RunAsync(provider, cancellationToken);
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SeedDemoContent>().RunAsync(cancellationToken);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (!await db.Funds.AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException("Seeding the demo funds left no fund to sponsor.");
        }
    }
}

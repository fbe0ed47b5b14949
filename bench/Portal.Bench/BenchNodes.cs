using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Jobs;
using Portal.Testing;

namespace Portal.Bench;

/// <summary>
/// The portal as it runs in production, for the <c>nodes</c> command: web and worker processes on one PostgreSQL
/// database (<see cref="Cluster"/>), the web nodes on the sandbox for gifts, the workers on the Stripe gateway against
/// the fake Stripe (so its latency applies), unpaced; and the bench's own services on the database, for seeding.
/// </summary>
internal sealed class BenchNodes : IAsyncDisposable
{
    // 1 January at midnight: the schedule's own charge runs and receipt sends stay out of the measured runs.
    private const string Never = "0 0 1 1 *";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly Cluster cluster;
    private readonly PostgreSqlStorage hangfire;

    private BenchNodes(
        Cluster cluster, FakeStripeProcess stripe, ServiceProvider portal, string[] customers, NodesSettings settings, int postmaster)
    {
        this.cluster = cluster;
        Stripe = stripe;
        Portal = portal;
        Customers = customers;
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false };
        hangfire = new PostgreSqlStorage(new NpgsqlConnectionFactory(cluster.Database.ConnectionString, options, null), options);
        var webSettings = new Dictionary<string, string>
        {
            // Every connection of the load client is a donor of its own behind a balancer on this machine.
            ["Portal__TrustedProxies"] = "127.0.0.1",
            ["CheckoutLimits__PerIpPerHour"] = "10000",
            ["CheckoutLimits__PerEmailPerHour"] = "10000",
        };
        var workerSettings = new Dictionary<string, string>
        {
            ["Payments__Gateway"] = "Stripe",
            ["Stripe__SecretKey"] = stripe.ApiKey,
            ["Stripe__ApiBase"] = stripe.BaseUrl,
            ["Stripe__WebhookSecret"] = "whsec_bench",
            // Above what the workers can reach; Charges:MaxConcurrency stays at its default.
            ["Charges__RequestsPerSecond"] = ChargesSettings.Unpaced.ToString(CultureInfo.InvariantCulture),
            ["Jobs__ChargeCron"] = Never,
            ["Jobs__SendEmailsCron"] = Never,
        };
        Web = [.. Enumerable.Range(1, settings.WebNodes).Select(i => cluster.Web($"web{i}", webSettings))];
        Workers = [.. Enumerable.Range(1, settings.Workers).Select(i => cluster.Worker($"worker{i}", workerSettings, healthListener: true))];
        Cpu = new CpuMeter(
        [
            .. Web.Select(node => (node.Name, (Func<double>)(() => node.CpuTime.TotalSeconds))),
            .. Workers.Select(node => (node.Name, (Func<double>)(() => node.CpuTime.TotalSeconds))),
            ("stripe", () => stripe.CpuTime.TotalSeconds),
            ("postgres", () => CpuMeter.PostgresSeconds(postmaster)),
            ("bench", () => Environment.CpuUsage.TotalTime.TotalSeconds),
        ]);
    }

    public FakeStripeProcess Stripe { get; }

    /// <summary>The portal's services in this process, on the nodes' database: for seeding and reading back.</summary>
    public ServiceProvider Portal { get; }

    /// <summary>One customer at the fake per donor of a phase; every phase's donors share them (the fake charges any).</summary>
    public string[] Customers { get; }

    public IReadOnlyList<NodeProcess> Web { get; }

    public IReadOnlyList<NodeProcess> Workers { get; }

    public CpuMeter Cpu { get; }

    /// <summary>
    /// A migrated database with the demo funds, the fake Stripe with the donors' customers, every web node and the first
    /// worker, all ready.
    /// </summary>
    public static async Task<BenchNodes> StartAsync(NodesSettings settings, string folder, TextWriter progress, CancellationToken cancellationToken)
    {
        var cluster = await Cluster.CreateAsync(new Dictionary<string, string>());
        ServiceProvider? portal = null;
        FakeStripeProcess? stripe = null;
        BenchNodes? nodes = null;
        try
        {
            portal = BenchPortal.CreateOnPostgres(folder, progress, cluster.Database.ConnectionString);
            await BenchPortal.PrepareAsync(portal, cancellationToken);
            stripe = await FakeStripeProcess.StartAsync(cancellationToken);
            var customers = await StripeCustomers.CreateAsync(stripe, settings.Donors, cancellationToken);
            nodes = new BenchNodes(cluster, stripe, portal, customers, settings, await CpuMeter.PostmasterAsync(portal, cancellationToken));

            // The first node creates Hangfire's tables; the others start on them together.
            nodes.Web[0].Start();
            await nodes.Web[0].WaitUntilReadyAsync(StartTimeout);
            foreach (var web in nodes.Web.Skip(1))
            {
                web.Start();
            }

            await nodes.UseWorkersAsync(1, cancellationToken);
            foreach (var web in nodes.Web.Skip(1))
            {
                await web.WaitUntilReadyAsync(StartTimeout);
            }

            return nodes;
        }
        catch
        {
            if (nodes is not null)
            {
                await nodes.DisposeAsync();
                throw;
            }

            await cluster.DisposeAsync();
            await (stripe?.DisposeAsync() ?? ValueTask.CompletedTask);
            await (portal?.DisposeAsync() ?? ValueTask.CompletedTask);
            throw;
        }
    }

    /// <summary>
    /// Leaves exactly the first <paramref name="count"/> workers running: the others stopped as an operator stops them
    /// (SIGTERM), the missing ones started and ready (/health/ready, and their Hangfire servers registered).
    /// </summary>
    public async Task UseWorkersAsync(int count, CancellationToken cancellationToken)
    {
        foreach (var extra in Workers.Skip(count).Where(w => !w.HasExited))
        {
            await extra.StopAsync(TimeSpan.FromMinutes(2));
        }

        var starting = Workers.Take(count).Where(w => w.HasExited).ToList();
        foreach (var worker in starting)
        {
            worker.Start();
        }

        foreach (var worker in starting)
        {
            await worker.WaitUntilReadyAsync(StartTimeout);
        }

        var until = DateTime.UtcNow + StartTimeout;
        while (await HangfireServersAsync(cancellationToken) != count)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Hangfire did not list {count} worker servers within {StartTimeout}.{Environment.NewLine}{Output()}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Starts a charge run as the schedule does: the recurring job, triggered now, taken by a worker.</summary>
    public void TriggerChargeRun() => new RecurringJobManager(hangfire).Trigger(RecurringJobs.ChargeDueSponsorships);

    /// <summary>A context from the bench's own services: one model for every poll, not one built per context.</summary>
    public PortalDbContext CreateContext() => Portal.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();

    /// <summary>A node that stopped by itself, for a failure message; null while all run that should.</summary>
    public string? Stopped(int workers) =>
        Web.Concat(Workers.Take(workers)).FirstOrDefault(n => n.HasExited) is { } node ? $"{node.Name} stopped by itself" : null;

    /// <summary>Every node's log (the last lines of each), for a failure message.</summary>
    public string Output() => cluster.Output();

    public async ValueTask DisposeAsync()
    {
        await cluster.DisposeAsync();
        await Stripe.DisposeAsync();
        await Portal.DisposeAsync();
    }

    private async Task<long> HangfireServersAsync(CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        return (await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM hangfire.server").ToListAsync(cancellationToken)).Single();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Payments.Events;
using Portal.Testing;

namespace Portal.Jobs.Tests;

/// <summary>
/// Where the job server runs, the event appliers run as a hosted service (decision 035): an event stored in the
/// process wakes them at once, long before their poll.
/// </summary>
public class EventAppliersHostTests
{
    [Fact]
    public async Task The_appliers_run_with_the_job_server_and_a_nudge_wakes_them_before_their_poll()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database, new Dictionary<string, string?>
        {
            ["Jobs:RunServer"] = "true",
            ["Jobs:EventPoll"] = "00:01:00",
        });
        var appliers = services.Provider.GetServices<IHostedService>().Single(s => s.GetType().Name == "ApplyEventsContinuously");
        await appliers.StartAsync(CancellationToken.None);
        try
        {
            // The loops' first look finds nothing; from then on they wait for a nudge or a minute.
            await Task.Delay(TimeSpan.FromSeconds(1));
            for (var i = 0; i < 5; i++)
            {
                await services.InScopeAsync(scope => scope.GetRequiredService<EventInbox>()
                    .RecordAsync("stripe", $"evt_nudged_{i}", "customer.created", "{}", null, CancellationToken.None));
            }

            services.Get<IBackgroundWork>().ApplyGatewayEvents();

            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (await PendingAsync(services) > 0 && waited.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50);
            }

            Assert.Equal(0, await PendingAsync(services));
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20));
        }
        finally
        {
            await appliers.StopAsync(CancellationToken.None);
        }

        await using var db = services.CreateContext();
        Assert.All(await db.GatewayEvents.AsNoTracking().ToListAsync(), e =>
        {
            Assert.Equal(GatewayEventStatus.Ignored, e.Status);
            Assert.Null(e.LeaseOwner);
        });
    }

    private static async Task<int> PendingAsync(PortalServices services)
    {
        await using var db = services.CreateContext();
        return await db.GatewayEvents.CountAsync(e => e.Status == GatewayEventStatus.Pending);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Consent;
using Portal.Core.Funds;
using Portal.Core.Payments.Events;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Sponsorships;
using Portal.Testing;

namespace Portal.Core.Tests.Payments.Events;

/// <summary>Drives a first gift through the portal's services and the in-process sandbox, as the pages do.</summary>
internal static class MoneyPath
{
    /// <summary>The portal's services on a new database of the provider, with the demo funds in it.</summary>
    public static async Task<Seeded> SeededAsync(
        Portal.Core.Data.DatabaseProvider provider, TestLogs? logs = null, IDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var services = PortalServices.Create(database, settings, logs: logs);
        await services.InScopeAsync(scope => scope.GetRequiredService<SeedDemoContent>().RunAsync(CancellationToken.None));
        return new Seeded(database, services);
    }

    public static async Task<(Guid SponsorshipId, string SessionId)> StartAsync(
        PortalServices services,
        string interval = "Monthly",
        string amount = "30",
        string email = "ada@example.org",
        bool coverFee = false,
        string language = "en")
    {
        var result = await services.InScopeAsync(scope => scope.GetRequiredService<StartSponsorship>().StartAsync(
            new SponsorshipRequest(
                "nairobi",
                amount,
                "EUR",
                interval,
                coverFee,
                null,
                null,
                "Ada Lovelace",
                email,
                "GB",
                MailTopics.ImpactUpdates | MailTopics.TransparencyReports,
                language), CancellationToken.None));
        var redirect = Assert.IsType<StartResult.RedirectToCheckout>(result);
        return (redirect.SponsorshipId, redirect.Url.Segments[^1]);
    }

    public static Task<SandboxPayResult> PayAsync(PortalServices services, string sessionId, string number = "4242424242424242") =>
        services.Get<SandboxCheckout>().PayAsync(sessionId, number, "12/34", "123", CancellationToken.None);

    public static Task<int> ApplyAllAsync(PortalServices services) =>
        services.Get<ApplyGatewayEvents>().ApplyDueAsync(CancellationToken.None);

    public static async Task<Charge> ChargeAsync(PortalServices services, Guid sponsorshipId)
    {
        await using var db = services.CreateContext();
        return await db.Charges.AsNoTracking().SingleAsync(c => c.SponsorshipId == sponsorshipId);
    }

    public static async Task<List<GatewayEvent>> EventsAsync(PortalServices services)
    {
        await using var db = services.CreateContext();
        return await db.GatewayEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    public sealed record Seeded(TestDatabase Database, PortalServices Services) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            await Database.DisposeAsync();
        }
    }
}

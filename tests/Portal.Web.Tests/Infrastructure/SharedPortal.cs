using Portal.Core.Data;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// One portal per test class and provider (an xunit class fixture), started on first use: starting a portal takes
/// seconds, a request milliseconds. For classes whose tests leave the configuration alone and keep to their own
/// donors (<see cref="Email"/>) or put back what they change; a test that needs an empty database or another
/// configuration builds its own with <see cref="PortalFactory.CreateAsync"/>.
/// </summary>
public sealed class SharedPortal : IAsyncLifetime
{
    // Many tests post the sponsor form from the one test client address; the limits have tests of their own
    // (RateLimitTests), on portals of their own.
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["CheckoutLimits:PerIpPerHour"] = "10000",
        ["CheckoutLimits:PerEmailPerHour"] = "10000",
    };

    private readonly Dictionary<DatabaseProvider, Task<PortalFactory>> portals = [];

    /// <summary>The class's portal on <paramref name="provider"/>, started.</summary>
    public Task<PortalFactory> GetAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        lock (portals)
        {
            if (!portals.TryGetValue(provider, out var portal))
            {
                portal = StartAsync(provider);
                portals[provider] = portal;
            }

            return portal;
        }
    }

    /// <summary>An e-mail address no other test uses, so a test finds its own donor in the shared database.</summary>
    public static string Email(string name = "ada") => $"{name}.{Guid.NewGuid():N}@example.org";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var portal in portals.Values)
        {
            if (portal.IsCompletedSuccessfully)
            {
                await portal.Result.DisposeAsync();
            }
        }
    }

    private static async Task<PortalFactory> StartAsync(DatabaseProvider provider)
    {
        var portal = await PortalFactory.CreateAsync(provider, Settings);
        // The first use of Services builds and starts the host (migrations, roles, demo funds).
        _ = portal.Services;
        return portal;
    }
}

using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Portal.Core.Funds;
using Portal.Core.Hosting;

namespace Portal.Web.Hosting;

/// <summary>
/// Output caching for the public fund pages (<c>[OutputCache(PolicyName = PublicPageCache.Policy)]</c>): anonymous GETs
/// only (the framework's default policy: no signed-in staff, no response that sets a cookie, status 200), one copy
/// per culture and language, since amounts are shown in the reader's format and texts in their language. Every copy
/// is tagged and evicted when this process commits a change to a fund, its reports, totals or sponsors (<see cref="FundChangeFeed"/>).
/// </summary>
public static class PublicPageCache
{
    public const string Policy = "public-fund-pages";
    public const string Tag = "fund-figures";

    public static IServiceCollection AddPublicPageCache(this IServiceCollection services, IConfiguration configuration)
    {
        var seconds = configuration.GetSection(PortalOptions.Section).GetValue(nameof(PortalOptions.PublicPageCacheSeconds), 10);
        services.AddOutputCache(options => options.AddPolicy(Policy, policy =>
        {
            if (seconds <= 0)
            {
                policy.NoCache();
                return;
            }

            // Only the filters the pages read make a new copy: random query strings cannot fill the cache.
            // A signed-in reader's copy is no-store (SignedInNoStore): it neither reads nor fills the cache.
            policy.With(context => !SignedInNoStore.IsSignedIn(context.HttpContext));
            policy.Expire(TimeSpan.FromSeconds(seconds)).Tag(Tag).SetVaryByQuery("country", "kind")
                .VaryByValue(_ => new KeyValuePair<string, string>(
                    "culture", $"{CultureInfo.CurrentCulture.Name}|{CultureInfo.CurrentUICulture.Name}"));
        }));
        return services;
    }

    /// <summary>Evicts the cached copies whenever this process commits a change the public pages show.</summary>
    public static void EvictOnFundChanges(this WebApplication app)
    {
        var store = app.Services.GetRequiredService<IOutputCacheStore>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PublicPageCache));
        app.Services.GetRequiredService<FundChangeFeed>().Changed += () => _ = EvictAsync(store, logger);
    }

    private static async Task EvictAsync(IOutputCacheStore store, ILogger logger)
    {
        try
        {
            await store.EvictByTagAsync(Tag, CancellationToken.None);
        }
        catch (Exception error) when (error is InvalidOperationException or OperationCanceledException)
        {
            // The copies still expire by themselves; a failed eviction only delays the change.
            WebLog.EvictionFailed(logger, error);
        }
    }
}

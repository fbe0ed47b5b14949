using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Consent;

namespace Portal.Web.Tests.Security;

/// <summary>
/// Every HTML page the portal maps, fetched by the first identity allowed to see it (the donor's own rows as route
/// values): what checks over all rendered pages read.
/// </summary>
internal static class RenderedPages
{
    public static async IAsyncEnumerable<(EndpointCase Endpoint, string Identity, string Html)> ReadAsync(
        SecurityWorld world, Func<string, string> value)
    {
        var pages = (await EndpointCatalog.ReadAsync(world.Portal.Services))
            .Where(e => e.Method == "GET" && AccessTable.Expected.ContainsKey(e.Key) && !AccessTable.IsStaticAsset(e))
            .ToList();
        var browsers = new Dictionary<string, HttpClient> { [Identities.Donor] = world.A.Browser };
        foreach (var endpoint in pages)
        {
            var access = AccessTable.Expected[endpoint.Key];
            var identity = Identities.All.First(i => Identities.Expected(access, i) == Answer.Allowed);
            if (!browsers.TryGetValue(identity, out var browser))
            {
                browser = browsers[identity] = await Identities.BrowserAsync(world, identity);
            }

            var response = await browser.GetAsync(EndpointAccessTests.Url(endpoint, value));
            if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                yield return (endpoint, identity, await response.Content.ReadAsStringAsync());
            }
        }
    }

    /// <summary>Route values that name donor A's own rows.</summary>
    public static string OwnRow(SecurityWorld world, string parameter) => parameter switch
    {
        "id" => world.A.SponsorshipId.ToString(),
        "token" => world.Portal.Services.GetRequiredService<UnsubscribeLinks>().Token(world.A.Id, MailTopics.ImpactUpdates),
        _ => AccessTable.Sample(parameter, ""),
    };
}

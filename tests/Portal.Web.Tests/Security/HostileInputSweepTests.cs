using System.Net;
using Portal.Core.Staff;

namespace Portal.Web.Tests.Security;

/// <summary>
/// Every GET endpoint, as a visitor and as the staff member allowed to open it, with hostile values in each route
/// value and each query value it reads: never a 500.
/// </summary>
[Collection(SecuritySuite.Name)]
public class HostileInputSweepTests(SecurityWorld world)
{
    public static readonly IReadOnlyList<string> HostileValues =
    [
        "", " ", "%20", new string('9', 5000), "9999-12-31", "0001-01-01", "-1", "-2147483649", "99999999999999999999",
        "not-a-guid", "ünïcødé-😀", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "..%2F..%2Fetc%2Fpasswd",
    ];

    [Fact]
    public async Task No_hostile_value_in_any_route_or_query_value_answers_500()
    {
        var gets = (await EndpointCatalog.ReadAsync(world.Portal.Services))
            .Where(e => e.Method == "GET" && AccessTable.Expected.ContainsKey(e.Key)).ToList();
        var browsers = new Dictionary<string, HttpClient>();
        foreach (var identity in new[] { Identities.Anonymous, Identities.Donor, StaffRoles.Admin })
        {
            browsers[identity] = identity == Identities.Donor ? world.A.Browser : await Identities.BrowserAsync(world, identity);
        }

        var errors = new List<string>();
        foreach (var endpoint in gets)
        {
            var access = AccessTable.Expected[endpoint.Key];
            var browser = browsers[access == Access.Donor ? Identities.Donor : access == Access.Anonymous ? Identities.Anonymous : StaffRoles.Admin];
            foreach (var (name, value, url) in Variants(endpoint))
            {
                var response = await browser.GetAsync(url);
                var shown = Uri.UnescapeDataString(value);
                var label = $"{endpoint.Key} {name}={shown[..Math.Min(shown.Length, 40)]}";
                if ((int)response.StatusCode >= 500)
                {
                    errors.Add($"{label}: {(int)response.StatusCode} ({url[..Math.Min(url.Length, 120)]})");
                }
            }
        }

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static IEnumerable<(string Name, string Value, string Url)> Variants(EndpointCase endpoint)
    {
        foreach (var parameter in endpoint.RouteValues)
        {
            foreach (var value in HostileValues)
            {
                var url = EndpointAccessTests.Url(endpoint, p => p == parameter ? value : AccessTable.Sample(p, endpoint.Route));
                yield return (parameter, value, url);
            }
        }

        var plain = EndpointAccessTests.Url(endpoint);
        foreach (var parameter in endpoint.QueryValues)
        {
            foreach (var value in HostileValues)
            {
                var separator = plain.Contains('?', StringComparison.Ordinal) ? '&' : '?';
                yield return (parameter, value, $"{plain}{separator}{Uri.EscapeDataString(parameter)}={value}");
            }
        }
    }
}

using System.Net;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Security;

/// <summary>
/// Every endpoint of the running app is in <see cref="AccessTable"/>, and answers each identity as the table says: the
/// page for those allowed, the donor or staff sign-in for those not signed in as needed, 403 for the wrong staff role.
/// </summary>
[Collection(SecuritySuite.Name)]
public class EndpointAccessTests(SecurityWorld world)
{
    [Fact]
    public async Task Every_endpoint_is_in_the_expectation_table()
    {
        var mapped = (await EndpointCatalog.ReadAsync(world.Portal.Services)).Where(e => !AccessTable.IsStaticAsset(e)).Select(e => e.Key).ToList();

        var missing = mapped.Where(key => !AccessTable.Expected.ContainsKey(key)).ToList();
        var stale = AccessTable.Expected.Keys.Where(key => !mapped.Contains(key, StringComparer.OrdinalIgnoreCase)).ToList();

        Assert.True(missing.Count == 0, $"Endpoints missing from AccessTable.Expected (add a row each):\n{string.Join("\n", missing)}");
        Assert.True(stale.Count == 0, $"Rows in AccessTable.Expected that the app no longer maps:\n{string.Join("\n", stale)}");
    }

    [Fact]
    public async Task Each_endpoint_answers_each_identity_as_the_table_says()
    {
        var endpoints = (await EndpointCatalog.ReadAsync(world.Portal.Services)).Where(e => AccessTable.Expected.ContainsKey(e.Key))
            .OrderBy(e => e.Route.Contains("sign-out", StringComparison.Ordinal) || e.Route.Contains("logout", StringComparison.Ordinal))
            .ToList();
        var wrong = new List<string>();
        foreach (var identity in Identities.All)
        {
            var browser = await Identities.BrowserAsync(world, identity);
            var tokens = new Dictionary<string, string?>();
            foreach (var endpoint in endpoints)
            {
                var access = AccessTable.Expected[endpoint.Key];
                // A sign-out ends the session: each one gets a browser signed in afresh, so the next finds one to end.
                var ends = endpoint.Method == "POST" && identity != Identities.Anonymous
                    && (endpoint.Route.Contains("sign-out", StringComparison.Ordinal) || endpoint.Route.Contains("logout", StringComparison.Ordinal));
                var response = ends
                    ? await SendAsync(await Identities.BrowserAsync(world, identity), endpoint, [], Identities.TokenPage(access))
                    : await SendAsync(browser, endpoint, tokens, Identities.TokenPage(access));
                var (expected, actual) = (Identities.Expected(access, identity), Identities.Of(response));
                if (expected != actual)
                {
                    wrong.Add(
                        $"{endpoint.Key} as {identity}: expected {expected}, got {actual} ({(int)response.StatusCode} {response.Headers.Location})");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>A GET, or a POST of an empty form with the browser's own anti-forgery token (when it can get one).</summary>
    internal static async Task<HttpResponseMessage> SendAsync(
        HttpClient browser,
        EndpointCase endpoint,
        Dictionary<string, string?> tokens,
        string tokenPage)
    {
        var url = Url(endpoint);
        if (endpoint.Method == "GET")
        {
            return await browser.GetAsync(url);
        }

        if (!tokens.TryGetValue(tokenPage, out var token))
        {
            var page = await browser.GetAsync(tokenPage);
            var html = await page.Content.ReadAsStringAsync();
            token = page.StatusCode == HttpStatusCode.OK && html.Contains("__RequestVerificationToken", StringComparison.Ordinal)
                ? Forms.Token(html)
                : null;
            tokens[tokenPage] = token;
        }

        var form = token is null ? [] : new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
        return await browser.PostAsync(url, new FormUrlEncodedContent(form));
    }

    /// <summary>The endpoint's address with a sample value in each route parameter.</summary>
    internal static string Url(EndpointCase endpoint, Func<string, string>? value = null)
    {
        var path = endpoint.Route;
        foreach (var parameter in endpoint.RouteValues)
        {
            var start = path.IndexOf("{" + (parameter == "path" ? "**" : "") + parameter, StringComparison.Ordinal);
            if (start < 0)
            {
                continue;
            }

            var end = path.IndexOf('}', start);
            path = path[..start] + (value ?? (p => AccessTable.Sample(p, endpoint.Route)))(parameter) + path[(end + 1)..];
        }

        path = path.Replace("{section:regex(^(funds|villages|programs)$)}", "funds", StringComparison.Ordinal);
        return endpoint.Handler is null ? path : $"{path}?handler={endpoint.Handler}";
    }
}

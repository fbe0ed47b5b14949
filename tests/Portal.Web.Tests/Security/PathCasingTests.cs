using System.Net;
using System.Text.RegularExpressions;
using Portal.Core.Staff;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Security;

/// <summary>
/// One casing for every path: the links, forms and redirects the portal writes are lower case (<c>/finance/refunds</c>,
/// never <c>/Finance/Refunds</c>), so a bookmark, a browser's history and a proxy's rules see one address per page.
/// </summary>
[Collection(SecuritySuite.Name)]
public partial class PathCasingTests(SecurityWorld world)
{
    [Fact]
    public async Task Every_link_and_form_on_every_page_and_a_redirect_to_a_page_are_lower_case()
    {
        // The words of the portal's routes ("finance", "refunds"); a token or id in a path keeps its own case.
        var words = (await EndpointCatalog.ReadAsync(world.Portal.Services))
            .SelectMany(e => e.Route.Split('/', StringSplitOptions.RemoveEmptyEntries)).Where(w => !w.Contains('{', StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var (links, wrong) = (0, new List<string>());
        await foreach (var (endpoint, identity, html) in RenderedPages.ReadAsync(world, Value))
        {
            foreach (var match in LocalPaths().Matches(html).Cast<Match>())
            {
                var path = WebUtility.HtmlDecode(match.Groups["path"].Value);
                links++;
                if (path.Split('/').Any(segment => segment.Any(char.IsUpper) && words.Contains(segment)))
                {
                    wrong.Add($"{endpoint.Key} as {identity}: {match.Groups["attribute"].Value}=\"{path}\"");
                }
            }
        }

        // A staff form's redirect back to its page after the post.
        var communications = await Identities.BrowserAsync(world, StaffRoles.Communications);
        var redirect = await communications.PostAsync("/communications", new Dictionary<string, string>(), "/communications?handler=Count");

        Assert.True(links > 100, $"only {links} links were found: the pattern no longer matches the pages");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Distinct()));
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/communications", redirect.Headers.Location?.OriginalString);
    }

    /// <summary>A local address in a link, form or source: its path, up to the query or fragment.</summary>
    [GeneratedRegex("""\b(?<attribute>href|action|src|formaction)="(?<path>/[^"?#]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex LocalPaths();

    private string Value(string parameter) => RenderedPages.OwnRow(world, parameter);
}

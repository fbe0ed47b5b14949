using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Hosting;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Pages;

namespace Portal.Web.Tests.Areas;

/// <summary>
/// Every staff endpoint, taken from the app's own endpoint list (not a hand-kept list), refuses anonymous visitors and
/// signed-in donors. Run outside Development, where the mailbox is staff-only too.
/// </summary>
public partial class StaffEndpointsTests
{
    private static readonly string[] StaffPolicies = [PortalPolicies.Admin, PortalPolicies.Finance, PortalPolicies.Communications, PortalPolicies
        .Mailbox, PortalPolicies.AnyStaff];

    [Fact]
    public async Task Anonymous_visitors_and_donors_are_refused_on_every_staff_endpoint()
    {
        await using var portal = await PortalFactory.CreateAsync(
            overrides: new Dictionary<string, string?> { ["Payments:AllowSandbox"] = "true" },
            environment: "Staging");
        await portal.SeedDemoFundsAsync();
        var anonymous = portal.Browser();
        var donor = portal.Browser();
        await DonorPathTests.GiveAsync(portal, donor, "ada@example.org");
        await donor.SignInAsync(portal, "ada@example.org");
        await donor.TextAsync("/account");

        var paths = StaffPaths(portal);

        Assert.Superset(new HashSet<string>(StringComparer.OrdinalIgnoreCase) {
            "/admin",
            "/finance",
            "/communications",
            "/admin/jobs",
            "/mailbox",
            "/mailbox/sample",
            "/staff/password" }, paths.ToHashSet(StringComparer.OrdinalIgnoreCase));
        foreach (var path in paths)
        {
            foreach (var (who, client) in new[] { ("anonymous", anonymous), ("donor", donor) })
            {
                foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
                {
                    using var response = await client.SendAsync(
                        new HttpRequestMessage(method, path) { Content = method == HttpMethod.Post ? new FormUrlEncodedContent([]) : null });
                    Assert.False(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode} to a {who}");
                    if (response.StatusCode == HttpStatusCode.Redirect)
                    {
                        Assert.StartsWith("/staff/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
                    }
                }
            }
        }
    }

    [Fact]
    public async Task Each_staff_role_opens_its_own_area_and_no_other()
    {
        await using var portal = await PortalFactory.CreateAsync(
            overrides: new Dictionary<string, string?> { ["Payments:AllowSandbox"] = "true" },
            environment: "Staging");
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");
        var admin = portal.Browser();
        await admin.SignInAsStaffAsync(portal, "Admin");

        Assert.Equal(HttpStatusCode.OK, (await finance.GetAsync("/finance")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await finance.GetAsync("/finance?handler=Csv")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await finance.GetAsync("/admin")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await finance.GetAsync("/admin/jobs")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await finance.GetAsync("/mailbox")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await finance.GetAsync("/communications")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/mailbox")).StatusCode);
    }

    /// <summary>Concrete paths for every endpoint that a staff policy protects or that lives in a staff area.</summary>
    private static List<string> StaffPaths(PortalFactory portal)
    {
        var endpoints = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            var area = endpoint.Metadata.GetMetadata<PageActionDescriptor>()?.AreaName;
            if (area is null && !policies.Any(p => StaffPolicies.Contains(p)))
            {
                continue;
            }

            var pattern = endpoint.RoutePattern.RawText!.TrimStart('/');
            paths.Add("/" + Parameters().Replace(pattern, match => match.Value.Contains("**", StringComparison.Ordinal) ? "recurring" : "sample"));
            if (pattern.Contains("{**", StringComparison.Ordinal))
            {
                // A catch-all (the Hangfire dashboard): its root is an endpoint too.
                paths.Add("/" + pattern[..pattern.IndexOf("/{**", StringComparison.Ordinal)]);
            }
        }

        return [.. paths];
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameters();
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Pages;

namespace Portal.Web.Tests.Hosting;

/// <summary>
/// Outside Development plain HTTP is redirected (as a trusted proxy's X-Forwarded-Proto says), HSTS is sent and every
/// cookie is Secure; <c>Portal:AllowPlainHttp</c>, which tests and tools on loopback use, turns this off.
/// </summary>
public class HttpsOnlyTests
{
    private static Dictionary<string, string?> HttpsOnly(string? trustedProxies = null) => new()
    {
        ["Payments:AllowSandbox"] = "true",
        ["Portal:AllowPlainHttp"] = "false",
        ["Portal:PublicBaseUrl"] = "https://give.example.org",
        ["Portal:TrustedProxies"] = trustedProxies,
    };

    [Fact]
    public async Task Plain_http_is_redirected_and_https_gets_hsts_and_secure_cookies()
    {
        await using var portal = await PortalFactory.CreateAsync(overrides: HttpsOnly(), environment: "Production");
        await portal.SeedDemoFundsAsync();
        // Not localhost: HSTS is never sent to localhost, so that a developer's browser does not remember it.
        var plain = portal.CreateClient(
            new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://give.example.org"), AllowAutoRedirect = false });
        var secure = portal.CreateClient(
            new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://give.example.org"), AllowAutoRedirect = false });

        var redirected = await plain.GetAsync("/villages?country=KE");
        var health = await plain.GetAsync("/health/live");
        var form = await secure.GetAsync("/account/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, (await secure.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm("ada@example.org"))).StatusCode);
        var staffLogin = await StaffCookieAsync(portal, secure);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal("https://give.example.org/villages?country=KE", redirected.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(form.Headers.Contains("Strict-Transport-Security"));
        Assert.All(form.Headers.GetValues("Set-Cookie"), c => Assert.True(c.Contains("; secure", StringComparison.OrdinalIgnoreCase), c));
        Assert.Contains("; secure", staffLogin, StringComparison.OrdinalIgnoreCase);
        var confirm = await DonorCookieAsync(portal, secure);
        Assert.Contains("; secure", confirm, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_its_forwarded_proto_decides()
    {
        await using var portal = await PortalFactory.CreateAsync(overrides: HttpsOnly("10.0.0.0/8"), environment: "Production");
        portal.TestServices = services => services.AddSingleton<IStartupFilter>(new FromLoadBalancer());
        var client = portal.CreateClient(
            new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://give.example.org"), AllowAutoRedirect = false });

        using var overHttps = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in") { Headers = { { "X-Forwarded-Proto", "https" } } };
        using var overHttp = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in") { Headers = { { "X-Forwarded-Proto", "http" } } };
        var https = await client.SendAsync(overHttps);
        var http = await client.SendAsync(overHttp);

        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
        Assert.True(https.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.TemporaryRedirect, http.StatusCode);
    }

    [Fact]
    public async Task With_plain_http_allowed_nothing_is_redirected_and_cookies_follow_the_request()
    {
        var settings = HttpsOnly();
        settings["Portal:AllowPlainHttp"] = "true";
        await using var portal = await PortalFactory.CreateAsync(overrides: settings, environment: "Production");

        var form = await portal.Browser().GetAsync("/account/sign-in");

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.All(form.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<string> StaffCookieAsync(PortalFactory portal, HttpClient client)
    {
        var email = $"finance-{Guid.NewGuid():N}@charity.test";
        string password;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            password = (await scope.ServiceProvider.GetRequiredService<Portal.Core.Staff.StaffAccounts>().CreateAsync(email, "Finance", "test"))!;
        }

        var response = await client.PostAsync(
            "/staff/login",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.staff=", StringComparison.Ordinal));
    }

    private static async Task<string> DonorCookieAsync(PortalFactory portal, HttpClient client)
    {
        await client.PostAsync("/account/sign-in", new Dictionary<string, string> { ["Email"] = "ada@example.org" });
        await portal.RunJobsAsync();
        var link = await Donors.LatestLinkAsync(portal, "ada@example.org", "/account/sign-in/confirm?token=");
        var confirm = await client.PostAsync(link.PathAndQuery, new Dictionary<string, string>());
        return confirm.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.donor=", StringComparison.Ordinal));
    }

    private sealed class FromLoadBalancer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

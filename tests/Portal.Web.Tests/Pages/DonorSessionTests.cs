using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Pages;

/// <summary>
/// Signing out ends the donor's session on the server: a saved copy of the cookie no longer opens /account, on this
/// node or another; "sign out everywhere" ends every browser's session.
/// </summary>
public class DonorSessionTests
{
    [Fact]
    public async Task A_saved_cookie_no_longer_opens_the_account_after_sign_out()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var donor = portal.Browser();
        await DonorPathTests.GiveAsync(portal, donor, "ada@example.org");
        var cookies = new CookieContainer();
        await SignInAsync(portal, cookies, "ada@example.org");
        var saved = cookies.GetCookieHeader(new Uri("http://localhost/"));

        var signedOut = await PostAsync(portal, cookies, "/account/sign-out");
        var replayed = await GetWithCookieAsync(portal, saved, "/account");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/account/sign-in", replayed.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.NotNull(await portal.QueryAsync(db => db.DonorSessions.Select(s => s.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_the_sessions_of_every_browser()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        var phone = new CookieContainer();
        var laptop = new CookieContainer();
        await SignInAsync(portal, phone, "ada@example.org");
        await SignInAsync(portal, laptop, "ada@example.org");
        var laptopCookie = laptop.GetCookieHeader(new Uri("http://localhost/"));
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(portal, laptopCookie, "/account")).StatusCode);
        Assert.Contains("Sign out everywhere", await (await GetWithCookieAsync(portal, laptopCookie, "/account")).Content.ReadAsStringAsync(),
            StringComparison.Ordinal);

        var everywhere = await PostAsync(portal, phone, "/account/sign-out?handler=Everywhere");

        Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await GetWithCookieAsync(portal, laptopCookie, "/account")).StatusCode);
        Assert.Equal(2, await portal.QueryAsync(db => db.DonorSessions.CountAsync(s => s.RevokedAt != null)));
    }

    [Fact]
    public async Task A_sign_out_on_one_node_ends_the_session_on_the_other()
    {
        var production = new Dictionary<string, string?> { ["Payments:AllowSandbox"] = "true" };
        await using var first = await PortalFactory.CreateAsync(overrides: production, environment: "Production");
        await using var second = first.AnotherNode();
        await first.SeedDemoFundsAsync();
        var donor = new CookieContainer();
        using var onFirst = first.CreateDefaultClient(new CookieContainerHandler(donor));
        Assert.Equal(HttpStatusCode.Redirect, (await onFirst.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm("ada@example.org"))).StatusCode);
        await SignInAsync(first, donor, "ada@example.org");
        var saved = donor.GetCookieHeader(new Uri("http://localhost/"));
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(second, saved, "/account")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(second, donor, "/account/sign-out")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await GetWithCookieAsync(first, saved, "/account")).StatusCode);
    }

    private static async Task SignInAsync(PortalFactory portal, CookieContainer cookies, string email)
    {
        using var client = portal.CreateDefaultClient(new CookieContainerHandler(cookies));
        await client.SignInAsync(portal, email);
    }

    private static async Task<HttpResponseMessage> PostAsync(PortalFactory portal, CookieContainer cookies, string url)
    {
        using var client = portal.CreateDefaultClient(new CookieContainerHandler(cookies));
        return await client.PostAsync("/account", new Dictionary<string, string>(), action: url);
    }

    /// <summary>A request carrying a cookie header as it was saved, as an attacker replaying it would send it.</summary>
    private static async Task<HttpResponseMessage> GetWithCookieAsync(PortalFactory portal, string cookie, string url)
    {
        using var client = portal.CreateDefaultClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}

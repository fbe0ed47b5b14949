using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Pages;

/// <summary>
/// The sign-in form answers a known and an unknown address alike (it only records the request; a job looks the donor
/// up and sends the link), and its per-address limit counts both alike, on every node.
/// </summary>
public partial class SignInRequestTests
{
    [Fact]
    public async Task A_known_and_an_unknown_address_get_the_same_answer_and_only_the_donor_gets_a_link()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");

        var known = await AskAsync(portal, "ada@example.org");
        var unknown = await AskAsync(portal, "nobody@example.org");

        Assert.Equal(known.Status, unknown.Status);
        Assert.Equal(known.Location, unknown.Location);
        Assert.Equal(known.Cookies, unknown.Cookies);
        Assert.Equal(known.Page.Replace("ada@example.org", "ADDRESS", StringComparison.Ordinal),
            unknown.Page.Replace("nobody@example.org", "ADDRESS", StringComparison.Ordinal));
        // Nothing was looked up or sent while answering: both are requests waiting for the job.
        Assert.Equal(2, await portal.QueryAsync(db => db.DonorSignInRequests.CountAsync()));
        Assert.Equal(0, await portal.QueryAsync(db => db.DonorSignInTokens.CountAsync()));

        await portal.RunJobsAsync();

        Assert.Equal(0, await portal.QueryAsync(db => db.DonorSignInRequests.CountAsync()));
        var link = await Donors.LatestLinkAsync(portal, "ada@example.org", "/account/sign-in/confirm?token=");
        Assert.NotNull(link);
        Assert.Throws<InvalidOperationException>(() => Donors.LatestLinkAsync(portal, "nobody@example.org", "/account/").GetAwaiter().GetResult());
    }

    [Fact]
    public async Task The_per_address_limit_holds_across_nodes_and_answers_as_before_for_known_and_unknown()
    {
        await using var first = await PortalFactory.CreateAsync();
        await using var second = first.AnotherNode();
        await DonorPathTests.GiveAsync(first, first.Browser(), "ada@example.org");

        var answers = new List<(HttpStatusCode Status, string? Location, string Cookies, string Page)>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await AskAsync(first, "ada@example.org"));
            answers.Add(await AskAsync(second, "ADA@example.org"));
            answers.Add(await AskAsync(i % 2 == 0 ? first : second, "nobody@example.org"));
        }

        await first.RunJobsAsync();

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.Status));
        Assert.All(answers, a => Assert.Contains("a sign-in link is on its way", a.Page, StringComparison.Ordinal));
        Assert.Equal(DonorSignInLimit, await first.QueryAsync(db => db.OutboundEmails.CountAsync(m => m.IdempotencyKey.StartsWith("sign-in:"))));
        Assert.Equal(0, await first.QueryAsync(db => db.DonorSignInRequests.CountAsync()));
    }

    private const int DonorSignInLimit = Portal.Core.Donors.DonorSignIn.LinksPerHour;

    /// <summary>A fresh browser reads the form, asks for a link and reads the page it is sent back to.</summary>
    private static async Task<(HttpStatusCode Status, string? Location, string Cookies, string Page)> AskAsync(PortalFactory portal, string email)
    {
        var browser = portal.Browser();
        var asked = await browser.PostAsync("/account/sign-in", new Dictionary<string, string> { ["Email"] = email });
        var cookies = string.Join(",", asked.Headers.TryGetValues("Set-Cookie", out var set)
            ? set.Select(c => c.Split('=')[0]).Order(StringComparer.Ordinal)
            : []);
        var page = WebUtility.HtmlDecode(await (await browser.GetAsync("/account/sign-in")).Content.ReadAsStringAsync());
        return (asked.StatusCode, asked.Headers.Location?.OriginalString, cookies, Tokens().Replace(page, "TOKEN"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex Tokens();
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Funds;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Pages;

/// <summary>
/// Every bad input on the sponsor form: a clear message beside the field, and nothing stored anywhere. The class shares
/// one portal; each test compares what is stored before and after, and a gift uses an address of its own.
/// </summary>
public partial class SponsorFormTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    public static TheoryData<string, string, string, string> BadInputs => new()
    {
        { "Input.Currency", "XYZ", "Input.Currency", "Choose one of EUR, USD, GBP, CHF." },
        { "Input.Currency", "JPY", "Input.Currency", "Choose one of EUR, USD, GBP, CHF." },
        { "Input.Amount", "2", "Input.Amount", "Enter an amount between" },
        { "Input.Amount", "1000000", "Input.Amount", "Enter an amount between" },
        { "Input.Amount", "12.345", "Input.Amount", "at most 2 decimals" },
        { "Input.Amount", "ten euros", "Input.Amount", "Enter an amount such as 25" },
        { "Input.Interval", "Weekly", "Input.Interval", "Choose once, monthly, quarterly or yearly." },
        { "Input.Email", "ada@", "Input.Email", "Enter your e-mail address, like name@example.org." },
        { "Input.Email", "", "Input.Email", "Enter your e-mail address." },
        { "Input.Name", "", "Input.Name", "Enter your name." },
        { "Input.Name", new string('x', 121), "Input.Name", "Use at most 120 characters." },
        { "Input.Country", "ZZ", "Input.Country", "Choose your country." },
        { "Input.DedicationKind", "InMemoryOf", "Input.DedicationName", "Enter the name of the person you dedicate this gift to." },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task A_bad_field_is_named_beside_it_and_nothing_is_stored(string field, string value, string shownAt, string message)
    {
        var portal = await shared.GetAsync();
        var before = await StoredAsync(portal);
        var form = Donors.SponsorForm();
        form[field] = value;

        var response = await portal.Browser().PostAsync("/funds/nairobi/sponsor", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var beside = FieldMessage(html, shownAt);
        Assert.Contains(message, beside, StringComparison.Ordinal);
        await AssertNothingStoredAsync(portal, before);
    }

    [Fact]
    public async Task Every_problem_is_named_at_once()
    {
        var portal = await shared.GetAsync();
        var before = await StoredAsync(portal);
        var form = Donors.SponsorForm();
        form["Input.Country"] = "";
        form["Input.Email"] = "ada@";
        form["Input.Amount"] = "1";

        var response = await portal.Browser().PostAsync("/funds/nairobi/sponsor", form);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Choose your country.", FieldMessage(html, "Input.Country"), StringComparison.Ordinal);
        Assert.Contains("like name@example.org", FieldMessage(html, "Input.Email"), StringComparison.Ordinal);
        Assert.Contains("Enter an amount between", FieldMessage(html, "Input.Amount"), StringComparison.Ordinal);
        await AssertNothingStoredAsync(portal, before);
    }

    [Fact]
    public async Task An_unknown_fund_is_not_found()
    {
        var portal = await shared.GetAsync();

        var response = await portal.Browser().GetAsync("/funds/atlantis/sponsor");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We could not find that page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_fund_takes_no_gift()
    {
        var portal = await shared.GetAsync();
        var before = await StoredAsync(portal);
        var status = await portal.QueryAsync(db => db.Funds.Where(f => f.Slug == "lviv").Select(f => f.Status).SingleAsync());
        await SetStatusAsync(portal, "lviv", FundStatus.Closed);
        try
        {
            var response = await portal.Browser().PostAsync("/funds/lviv/sponsor", Donors.SponsorForm());

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains("is not taking new gifts just now", page, StringComparison.Ordinal);
            await AssertNothingStoredAsync(portal, before);
        }
        finally
        {
            await SetStatusAsync(portal, "lviv", status);
        }
    }

    [Fact]
    public async Task The_form_is_the_same_for_every_visitor_and_a_post_from_another_site_is_refused()
    {
        var portal = await shared.GetAsync();
        var before = await StoredAsync(portal);
        var first = await portal.Browser().GetAsync("/funds/nairobi/sponsor");
        var second = await portal.Browser().GetAsync("/funds/nairobi/sponsor");

        // No token and no cookie: one cached page serves every visitor (decision 018).
        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.DoesNotContain("__RequestVerificationToken", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A browser posting it from another site says so (Origin, Sec-Fetch-Site): refused, nothing stored.
        foreach (var (header, value) in new[] { ("Origin", "https://attacker.example"), ("Sec-Fetch-Site", "cross-site") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/funds/nairobi/sponsor")
            {
                Content = new FormUrlEncodedContent(Donors.SponsorForm())
            };
            request.Headers.Add(header, value);
            var response = await portal.Browser().SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("only be sent from this site", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await AssertNothingStoredAsync(portal, before);
        using var sameSite = new HttpRequestMessage(HttpMethod.Post, "/funds/nairobi/sponsor")
        {
            Content = new FormUrlEncodedContent(Donors.SponsorForm())
        };
        sameSite.Headers.Add("Origin", "http://localhost");
        sameSite.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.Redirect, (await portal.Browser().SendAsync(sameSite)).StatusCode);
    }

    [Fact]
    public async Task Script_in_a_name_is_shown_as_text_never_run()
    {
        var portal = await shared.GetAsync();
        var form = Donors.SponsorForm();
        form["Input.DedicationKind"] = "InHonourOf";
        form["Input.DedicationName"] = "<script>alert(1)</script>";
        form["Input.Email"] = "not valid";

        var response = await portal.Browser().PostAsync("/funds/nairobi/sponsor", form);

        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", raw, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_one_time_gift_in_another_currency_with_a_dedication_is_accepted()
    {
        var portal = await shared.GetAsync();
        var email = SharedPortal.Email();
        var form = Donors.SponsorForm(email, interval: "Once", amount: "1,250.00", currency: "CHF");
        form["Input.DedicationKind"] = "InMemoryOf";
        form["Input.DedicationName"] = "Hermann";
        form["Input.CoverFee"] = "true";

        var response = await portal.Browser().PostAsync("/funds/education/sponsor", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var sponsorship = await portal.QueryAsync(db => db.Sponsorships.SingleAsync(s => db.Donors.Any(d => d.Id == s.DonorId && d.Email == email)));
        Assert.Equal(125000, sponsorship.AmountMinor);
        Assert.Equal("CHF", sponsorship.Currency);
        Assert.True(sponsorship.FeeCoverMinor > 0);
        Assert.Equal("Hermann", sponsorship.DedicationName);
    }

    [SkippableTheory]
    [MemberData(nameof(Portal.Testing.Providers.Real), MemberType = typeof(Portal.Testing.Providers))]
    public async Task A_new_donor_sending_the_form_from_several_tabs_at_once_gets_a_checkout_each_and_one_donor_record(
        Portal.Core.Data.DatabaseProvider provider)
    {
        var portal = await shared.GetAsync(provider);
        var email = SharedPortal.Email("new.donor");
        var tabs = Enumerable.Range(0, 4).Select(_ => portal.Browser()).ToList();
        await Task.WhenAll(tabs.Select(tab => tab.GetStringAsync("/funds/nairobi/sponsor")));

        var answers = await Task.WhenAll(tabs.Select(tab =>
            tab.PostAsync("/funds/nairobi/sponsor", new FormUrlEncodedContent(Donors.SponsorForm(email)))));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode));
        Assert.Equal(1, await portal.QueryAsync(db => db.Donors.CountAsync(d => d.Email == email)));
        Assert.Equal(4, await portal.QueryAsync(db => db.Sponsorships.CountAsync(s => db.Donors.Any(d => d.Id == s.DonorId && d.Email == email))));
    }

    /// <summary>How many donors, sponsorships, charges and sandbox payments are stored.</summary>
    private static Task<(int Donors, int Sponsorships, int Charges, int SandboxPayments)> StoredAsync(PortalFactory portal) =>
        portal.QueryAsync(async db => (await db.Donors.CountAsync(), await db.Sponsorships.CountAsync(), await db.Charges.CountAsync(),
            await db.SandboxPayments.CountAsync()));

    private static async Task AssertNothingStoredAsync(PortalFactory portal, (int, int, int, int) before) =>
        Assert.Equal(before, await StoredAsync(portal));

    private static Task<int> SetStatusAsync(PortalFactory portal, string slug, FundStatus status) =>
        portal.QueryAsync(db => db.Funds.Where(f => f.Slug == slug).ExecuteUpdateAsync(set => set.SetProperty(f => f.Status, status)));

    /// <summary>The validation message rendered for one field (the span ASP.NET puts beside it).</summary>
    private static string FieldMessage(string html, string field)
    {
        var match = Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no message slot for {field}");
        return match.Groups[1].Value;
    }
}
